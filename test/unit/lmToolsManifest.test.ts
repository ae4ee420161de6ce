/**
 * The `languageModelTools` contribution against the code that implements it: VS Code drops a tool whose
 * entry breaks its rules (only logging why), and a model trusts the schema and description, so both must
 * say what the code accepts and returns.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { executionStatuses, triggerTypes } from '../../src/core/api/vocabulary';
import { rangePresets } from '../../src/filters/filters';
import { toolNames, toolOptions } from '../../src/chatTools/toolInput';
import { dataEnd, dataStart } from '../../src/chatTools/toolText';
import { defaultLogLines, maxLogLines, resolveRunInput } from '../../src/chatTools/runDetails';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: Tool[] };
};
const nls = JSON.parse(readFileSync(resolve(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface Property {
  type: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  default?: number;
  description: string;
}
interface Tool {
  name: string;
  toolReferenceName?: string;
  displayName: string;
  modelDescription: string;
  userDescription?: string;
  canBeReferencedInPrompt?: boolean;
  icon?: string;
  inputSchema: { type: string; properties: Record<string, Property>; required?: string[] };
}

/** A manifest string as VS Code shows it: `%key%` replaced from package.nls.json. */
function localised(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (key === undefined) return value;
  assert.ok(key in nls, `package.nls.json has no "${key}"`);
  return nls[key]!;
}

const tools = manifest.contributes.languageModelTools;
const tool = (name: string): Tool => {
  const found = tools.find((t) => t.name === name);
  assert.ok(found, `package.json contributes no tool "${name}"`);
  return found;
};

describe('language-model tools in the manifest', () => {
  it('contributes exactly the tools the extension registers, under names VS Code accepts', () => {
    assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(toolNames).sort());
    for (const t of tools) {
      // VS Code's own checks (languageModelToolsContribution.ts); a failing entry is skipped with a log line.
      assert.match(t.name, /^(?!copilot_|vscode_)[\w-]+$/);
      assert.ok(t.displayName && t.modelDescription, `${t.name} needs displayName and modelDescription`);
      assert.ok(
        !t.canBeReferencedInPrompt || /^[\w-]+$/.test(t.toolReferenceName ?? ''),
        `${t.name} can be referenced, so it needs a toolReferenceName`,
      );
      assert.equal(t.inputSchema.type, 'object');
    }
  });

  it('localises every string, and each description names the data block the text really uses', () => {
    for (const t of tools) {
      for (const value of [
        t.displayName,
        t.modelDescription,
        t.userDescription ?? '',
        ...Object.values(t.inputSchema.properties).map((p) => p.description),
      ]) {
        assert.match(value, /^%[\w.]+%$/, `"${value}" is not localised`);
        assert.ok(localised(value).trim());
      }
      const description = localised(t.modelDescription);
      assert.ok(
        description.includes(dataStart) && description.includes(dataEnd),
        `${t.name}'s modelDescription names the block`,
      );
      assert.match(description, /Returns plain text/);
    }
  });

  it('offers exactly the values the input check accepts', () => {
    for (const which of ['summary', 'failures'] as const) {
      const { properties, required = [] } = tool(toolNames[which]).inputSchema;
      const options = toolOptions[which];
      assert.deepEqual(properties.dateRange?.enum, [...rangePresets]);
      assert.deepEqual(properties.trigger?.enum, [...triggerTypes]);
      assert.deepEqual(properties.status?.enum, options.allowStatus ? [...executionStatuses] : undefined);
      assert.deepEqual(required, options.needWorkflow ? ['workflow'] : []);
      assert.equal(properties.limit?.default, options.defaultLimit);
      assert.equal(properties.limit?.maximum, options.maxLimit);
      assert.equal(properties.limit?.minimum, 1);
      for (const date of ['startDate', 'endDate']) assert.equal(properties[date]?.type, 'string');
    }
  });

  it('granite_run_details: an execution id required, the run id optional, log lines as the input check takes them', () => {
    const { properties, required = [] } = tool(toolNames.run).inputSchema;
    assert.deepEqual(required, ['executionId']);
    assert.deepEqual(Object.keys(properties).sort(), ['executionId', 'logLines', 'runId']);
    assert.equal(properties.logLines?.default, defaultLogLines);
    assert.equal(properties.logLines?.maximum, maxLogLines);
    assert.equal(properties.logLines?.minimum, 1);
    // The manifest's pattern and the input check agree on what an id is.
    const pattern = new RegExp((properties.executionId as Property & { pattern: string }).pattern);
    for (const id of ['run_0a1b2c', 'a'.repeat(200), 'x:y.z-1', '', 'a/b', '../x', 'a'.repeat(201), 'ä']) {
      const accepted = resolveRunInput({ executionId: id }).ok;
      assert.equal(accepted, pattern.test(id) && id !== '.' && id !== '..', id);
    }
    assert.equal(resolveRunInput({ executionId: '..' }).ok, false, 'a dot segment names another route');
  });
});
