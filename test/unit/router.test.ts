import { describe, expect, it } from 'vitest';
import { matchId } from '../../web/src/router.js';

describe('the web app’s path matching', () => {
  it('reads the id of a path of the pattern’s shape, decoded', () => {
    expect(matchId('/agreements/:id', '/agreements/01JAAAAAAAAAAAAAAAAAAAAAAA')).toBe(
      '01JAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(matchId('/agreements/:id/edit', '/agreements/a%20b/edit')).toBe('a b');
    expect(matchId('/agreements/:id', '/agreements/a/edit')).toBeUndefined();
    expect(matchId('/verify/:id', '/inbox')).toBeUndefined();
  });

  it.each(['%E0%A4%A', '%', '%ZZ', '%C0%AF', '%ED%A0%80'])(
    'answers a malformed percent-encoding (%s) with no match instead of throwing',
    (segment) => {
      expect(matchId('/agreements/:id', `/agreements/${segment}`)).toBeUndefined();
      expect(matchId('/verify/:id', `/verify/${segment}`)).toBeUndefined();
    },
  );
});
