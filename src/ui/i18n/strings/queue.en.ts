
/**
 * The queue screen and the waiting-room display.
 * Every key here is in queue.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  queue: {
    title: 'OPD queue',
    dept: 'Department',
    callNext: 'Call next',
    nobodyWaiting: 'Nobody is waiting.',
    nowCalled: 'Called now',
    waiting: 'Waiting ({{count}})',
    done: 'Done',
    skip: 'Skip',
    cancel: 'Cancel',
    cancelReason: 'Reason for cancelling',
    confirmCancel: 'Cancel token',
    closed: 'Done today: {{done}} · cancelled: {{cancelled}}',
    display: 'Open waiting-room display',
    displayHint: 'The display takes over this tab and logs you out; leaving it needs a PIN.',
  },
  display: {
    now: 'Now serving',
    next: 'Next',
    none: '—',
    room: 'Room {{room}}',
  },
};
