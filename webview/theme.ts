/**
 * Chart colours and font from VS Code's theme variables. A canvas cannot resolve CSS variables, so the
 * values are read with getComputedStyle when drawing, and again whenever VS Code switches the theme
 * (it changes the body class: vscode-light / vscode-dark / vscode-high-contrast).
 */
export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast';
  foreground: string;
  lines: string;
  red: string;
  blue: string;
  yellow: string;
  orange: string;
  green: string;
  purple: string;
  fontFamily: string;
  /** Card background, for borders that separate touching segments. */
  background: string;
  reducedMotion: boolean;
}

// VS Code's dark-theme defaults, for the moments before the variables exist (and outside VS Code).
const fallback = {
  foreground: '#cccccc',
  lines: '#808080',
  red: '#f14c4c',
  blue: '#3794ff',
  yellow: '#cca700',
  orange: '#d18616',
  green: '#89d185',
  purple: '#b180d7',
  background: '#1e1e1e',
};

function kindOf(body: HTMLElement): Theme['kind'] {
  if (body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light'))
    return 'high-contrast';
  return body.classList.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const get = (name: string, otherwise: string) => style.getPropertyValue(name).trim() || otherwise;
  return {
    kind: kindOf(document.body),
    foreground: get('--vscode-charts-foreground', get('--vscode-foreground', fallback.foreground)),
    lines: get('--vscode-charts-lines', fallback.lines),
    red: get('--vscode-charts-red', fallback.red),
    blue: get('--vscode-charts-blue', fallback.blue),
    yellow: get('--vscode-charts-yellow', fallback.yellow),
    orange: get('--vscode-charts-orange', fallback.orange),
    green: get('--vscode-charts-green', fallback.green),
    purple: get('--vscode-charts-purple', fallback.purple),
    fontFamily: get('--vscode-editor-font-family', get('--vscode-font-family', 'monospace')),
    background: get('--vscode-editor-background', fallback.background),
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
}

/** Calls `onChange` with the new theme after each body class change. */
export function watchTheme(onChange: (theme: Theme) => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    onChange(readTheme());
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/** `#rrggbb` or `rgb()` with an alpha, for fills under a line; other formats are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color);
  if (hex)
    return `#${hex[1]}${Math.round(alpha * 255)
      .toString(16)
      .padStart(2, '0')}`;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return withAlpha(`#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`, alpha);
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color);
  if (rgb) return `rgba(${rgb[1]},${rgb[2]},${rgb[3]},${alpha})`;
  return color;
}
