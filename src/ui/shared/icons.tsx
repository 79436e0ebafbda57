import type { ReactNode } from 'react';

/**
 * Icons drawn inline: emoji and dingbats show as an empty box on tablets without an emoji or
 * symbol font. Each is decorative; the control or text next to it carries the words.
 */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const RemoveIcon = () => <Icon><path d="M4 4l8 8M12 4l-8 8" /></Icon>;

export const BackIcon = () => <Icon><path d="M13 8H3M7 4L3 8l4 4" /></Icon>;

export const PhoneIcon = () => (
  <Icon><path d="M5.5 2.5l-2 .5c-.5 3.5 4 9.5 9.5 10l.5-2-2.5-1.5-1.2 1.2C8 10 6 8 5.3 6.2l1.2-1.2z" /></Icon>
);
