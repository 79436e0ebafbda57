/** What a key pressed on the workbench (outside a form) asks for. */
export type ReviewCommand =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'pick'; index: number }
  | { kind: 'open'; form: 'link' | 'new' | 'merge' | 'undo' };

/**
 * The workbench's keys: a trained clerk reviews without the mouse. Letters are taken lower- or
 * upper-case; a key with Ctrl, Alt or Meta is the browser's, never ours.
 */
export function reviewCommand(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): ReviewCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key.length === 1 ? e.key.toLowerCase() : e.key) {
    case 'j': case 'ArrowDown': return { kind: 'move', by: 1 };
    case 'k': case 'ArrowUp': return { kind: 'move', by: -1 };
    case '1': case '2': case '3': return { kind: 'pick', index: Number(e.key) - 1 };
    case 'l': return { kind: 'open', form: 'link' };
    case 'n': return { kind: 'open', form: 'new' };
    case 'm': return { kind: 'open', form: 'merge' };
    case 'u': return { kind: 'open', form: 'undo' };
    default: return null;
  }
}
