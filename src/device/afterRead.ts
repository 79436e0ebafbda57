/**
 * What a numbered write's read (Projector.record's input function) may hand back: `finish` runs
 * once the read's transaction is over, still inside the append lock, for work a transaction
 * cannot wait on (opening rows through WebCrypto), and gives the event's data.
 */
export class AfterRead {
  constructor(readonly finish: () => Promise<unknown>) {}
}
