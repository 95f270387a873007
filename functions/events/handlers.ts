/** Lambdas triggered by events rather than HTTP; the stack wires each to its source. */
export interface EventHandlerDefinition {
  name: string;
  entry: string;
  /** Renders documents: the fonts go beside its bundle. */
  renders?: boolean;
}

export const NOTIFY: EventHandlerDefinition = { name: 'Notify', entry: 'functions/events/notify.ts' };

export const INGEST_UPLOAD: EventHandlerDefinition = {
  name: 'IngestUpload',
  entry: 'functions/events/ingest-upload.ts',
};

/** The ingestion's dead-letter queue: uploads whose checking failed every retry are marked failed. */
export const INGEST_FAILED: EventHandlerDefinition = {
  name: 'IngestFailed',
  entry: 'functions/events/ingest-failed.ts',
};

/** An uploaded template file: checked into a candidate, with samples rendered for every variant. */
export const VALIDATE_TEMPLATE: EventHandlerDefinition = {
  name: 'ValidateTemplate',
  entry: 'functions/events/validate-template.ts',
  renders: true,
};

/** The template check's dead-letter queue: candidates whose check failed every retry are refused. */
export const TEMPLATE_CHECK_FAILED: EventHandlerDefinition = {
  name: 'TemplateCheckFailed',
  entry: 'functions/events/template-check-failed.ts',
};

/** An uploaded batch workbook: a draft per row, then the result; it also empties its own dead letters. */
export const DRAFT_BATCH: EventHandlerDefinition = {
  name: 'DraftBatch',
  entry: 'functions/events/draft-batch.ts',
  renders: true,
};

/** Once a day: lifecycles, reminders, periodic reports. */
export const DAILY: EventHandlerDefinition = {
  name: 'Daily',
  entry: 'functions/events/daily.ts',
  renders: true,
};

export const EVENT_HANDLERS: readonly EventHandlerDefinition[] = [
  NOTIFY,
  INGEST_UPLOAD,
  INGEST_FAILED,
  VALIDATE_TEMPLATE,
  TEMPLATE_CHECK_FAILED,
  DRAFT_BATCH,
  DAILY,
];
