/** Another decision changed the agreement between reading it and writing the transition. */
export class RaceLostError extends Error {
  constructor(readonly agreementId: string) {
    super(`agreement ${agreementId} changed concurrently`);
    this.name = 'RaceLostError';
  }
}
