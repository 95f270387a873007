import { templateLibrary } from '../wiring/templates.js';
import { deadLetterHandler } from './dead-letters.js';

/**
 * The template check's dead-letter queue → each candidate whose event failed every retry is refused
 * with the reason (upload the file again), so that no candidate stays pending.
 */
export const handler = deadLetterHandler(
  'template check',
  async (key, reason) => (await templateLibrary().failed(key, reason)).outcome,
  { result: 'refused', metric: 'TemplateChecksFailed' },
);
