import { systemClock } from '../../shared/ports/clock.js';
import { RegisterFormats } from '../../shared/register/formats-admin.js';
import { RegisterBook } from '../../shared/register/register-book.js';
import type { VoidDeps } from '../../shared/register/void-number.js';
import { agreements, changeDeps, register } from './adapters.js';
import { adminDeps, regionId } from './admin.js';

export const registerBook = () =>
  new RegisterBook({ register: register(), regionId: regionId(), clock: systemClock });

export const voidDeps = (): VoidDeps => ({
  ...changeDeps(),
  register: register(),
  agreements: agreements(),
  regionId: regionId(),
});

export const registerFormats = () =>
  new RegisterFormats({ register: register(), admin: adminDeps(), regionId: regionId() });
