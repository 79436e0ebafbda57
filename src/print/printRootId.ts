/** Where printouts are rendered (hidden on screen); its own module so that screens can name it without loading the print code. */
export const PRINT_ROOT_ID = 'print-root';
