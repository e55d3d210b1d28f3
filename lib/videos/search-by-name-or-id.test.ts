import { expect, test } from '@playwright/test';
import { searchByNameOrId } from './search-by-name-or-id';

const uid = '0123456789abcdef0123456789abcdef';

test.describe("/videos' search field", () => {
  test('must look a media ID up by id, whatever its case and spaces', () => {
    expect(searchByNameOrId({ search: ` ${uid.toUpperCase()} `, status: 'ready' })).toEqual({ search: undefined, id: [uid], status: 'ready' });
  });

  test('must search names for any other text', () => {
    expect(searchByNameOrId({ search: 'holiday' })).toEqual({ search: 'holiday' });
    expect(searchByNameOrId({ search: uid.slice(1) })).toEqual({ search: uid.slice(1) });
    expect(searchByNameOrId({})).toEqual({});
  });
});
