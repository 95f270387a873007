/** Lambdas triggered by events rather than HTTP; the stack wires each to its source. */
export interface EventHandlerDefinition {
  name: string;
  entry: string;
}

export const NOTIFY: EventHandlerDefinition = { name: 'Notify', entry: 'functions/events/notify.ts' };

export const INGEST_UPLOAD: EventHandlerDefinition = {
  name: 'IngestUpload',
  entry: 'functions/events/ingest-upload.ts',
};

export const EVENT_HANDLERS: readonly EventHandlerDefinition[] = [NOTIFY, INGEST_UPLOAD];
