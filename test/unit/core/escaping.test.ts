import assert from 'node:assert/strict';
import { inertIcons, inertLinkedText, inertMarkdown, oneLine } from '../../../src/core/escaping';

/** What VS Code's linked-text parser (notifications) would turn into a link. */
const linkPattern = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** What icon-aware labels would turn into an icon: `$(name)` not preceded by a backslash. */
const iconPattern = /(?<!\\)\$\([a-z.\-~]+\)/i;

describe('inert text', () => {
  const payloads = [
    '[Open](command:workbench.action.terminal.new)',
    '[x](https://evil.example/phish)',
    '$(alert) Invoice $(sync~spin)',
    '[a] (command:x)',
    'Invoice Intake',
  ];

  it('notifications: no command or web link and no icon can form, and the text still reads the same', () => {
    for (const payload of payloads) {
      const safe = inertLinkedText(payload);
      assert.equal(safe.match(linkPattern), null, payload);
      assert.equal(iconPattern.test(safe), false, payload);
      assert.equal(safe.replace(/\u200b/g, ''), payload);
    }
  });

  it('status bar and quick picks: $( is escaped the way VS Code escapes icons', () => {
    assert.equal(inertIcons('$(alert) down'), '\\$(alert) down');
    assert.equal(iconPattern.test(inertIcons('$(alert) down')), false);
    assert.equal(inertIcons('plain'), 'plain');
  });

  it('Markdown: links, images, HTML and icons stay literal', () => {
    const safe = inertMarkdown('[x](command:y) ![i](http://a/b.png) <img src=x onerror=alert(1)> $(alert) *bold*');
    assert.ok(!/(?<!\\)\[/.test(safe));
    assert.ok(!/(?<!\\)</.test(safe));
    assert.ok(!/(?<!\\)\$/.test(safe));
    assert.ok(!/(?<!\\)\*/.test(safe));
  });

  it('Markdown: autolinks, entities and headings stay literal too (appendText leaves <, &, : and . alone)', () => {
    const safe = inertMarkdown(
      '<command:workbench.action.terminal.new> <https://evil.example> https://evil.example &lt;b&gt;\n===',
    );
    assert.ok(!/(?<!\\)[<&]/.test(safe));
    assert.ok(!/(?<!\\)[:.=]/.test(safe));
  });

  it('Markdown with theme icons: $(name) renders as text once VS Code has turned the Markdown into HTML', () => {
    // Markdown turns `\\\$\(alert\)` into `\$(alert)`, which VS Code's icon pass shows as the text `$(alert)`.
    assert.equal(inertMarkdown('$(alert) x', { themeIcons: true }), '\\\\\\$\\(alert\\) x');
    assert.equal(inertMarkdown('$(alert) x'), '\\$\\(alert\\) x');
  });

  it('bidi controls stay inside the API text: it is isolated, other text is unchanged', () => {
    assert.equal(oneLine('Invoice\u202Egnp.exe'), '\u2068Invoice\u202Egnp.exe\u2069');
    assert.equal(inertIcons('a\u2067b'), '\u2068a\u2067b\u2069');
    assert.equal(oneLine('Invoice Intake'), 'Invoice Intake');
  });

  it('one-line labels drop control characters and collapse whitespace', () => {
    assert.equal(oneLine('a\n\tb\u0000c  d'), 'a b c d');
  });
});
