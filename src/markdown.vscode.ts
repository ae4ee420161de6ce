/** The one way a tooltip becomes a MarkdownString: from a SafeMarkdown (API text escaped), never trusted. */
import * as vscode from 'vscode';
import type { SafeMarkdown } from './core/escaping';

export function toMarkdownString(source: SafeMarkdown): vscode.MarkdownString {
  const md = new vscode.MarkdownString(source.value, source.themeIcons);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
