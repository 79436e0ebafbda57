import { describe, expect, it } from 'vitest';

describe('the pdf reader used by the print tests', () => {
  it('leaves the JSON functions of the process that serves the gateway as they were', async () => {
    const { stringify, parse } = JSON;
    await import('../helpers/pdf');
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
  });
});
