import { hashPassword, passwordProblem, verifyPassword } from '../../../bot/agent/passwords';

const PASSWORD = 'correct horse 电池 staple';

describe('passwords', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key, never the password', () => {
    const parts = stored.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64')).toHaveLength(64);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  });

  it('verifies the password it hashed', async () => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });

  it.each([
    ['a wrong password', 'correct horse 电池 stapler'],
    ['an empty password', ''],
    ['a different case', PASSWORD.toUpperCase()],
    ['surrounding spaces', ` ${PASSWORD} `],
  ])('refuses %s', async (_label, attempt) => {
    await expect(verifyPassword(attempt, stored)).resolves.toBe(false);
  });

  it('salts: two hashes of one password differ and both verify', async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(stored);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
    await expect(verifyPassword(PASSWORD, again)).resolves.toBe(true);
  });

  it('normalises with NFKC: full-width and half-width letters and digits verify the same', async () => {
    const fullWidth = await hashPassword('Ｐａｓｓｗｏｒｄ１２３');
    await expect(verifyPassword('Password123', fullWidth)).resolves.toBe(true);
    const halfWidth = await hashPassword('Password123');
    await expect(verifyPassword('Ｐａｓｓｗｏｒｄ１２３', halfWidth)).resolves.toBe(true);
    await expect(verifyPassword('password123', halfWidth)).resolves.toBe(false);
  });

  it('normalises composed and decomposed accents the same', async () => {
    const composed = await hashPassword('caf\u00e9-password');
    await expect(verifyPassword('cafe\u0301-password', composed)).resolves.toBe(true);
  });

  describe('malformed stored hashes: false, never an exception', () => {
    const withPart = (index: number, value: string): string => {
      const parts = stored.split('$');
      parts[index] = value;
      return parts.join('$');
    };
    const cases: Array<[string, () => string]> = [
      ['empty', () => ''],
      ['the password itself', () => PASSWORD],
      ['a bcrypt hash', () => '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
      ['another algorithm', () => withPart(0, 'argon2')],
      ['no salt', () => withPart(4, '')],
      ['no hash', () => withPart(5, '')],
      ['a truncated hash', () => withPart(5, 'AAAA')],
      ['only the prefix', () => 'scrypt$32768$8$1'],
      ['N not a number', () => withPart(1, 'abc')],
      ['N not a power of two', () => withPart(1, '1000')],
      ['N negative', () => withPart(1, '-2')],
      ['N fractional', () => withPart(1, '1024.5')],
      ['r zero', () => withPart(2, '0')],
      ['p not a number', () => withPart(3, 'x')],
    ];
    it.each(cases)('%s', async (_label, hash) => {
      await expect(verifyPassword(PASSWORD, hash())).resolves.toBe(false);
    });
  });

  describe('passwordProblem', () => {
    it.each<[string, string, string | undefined]>([
      ['empty', '', 'the password must have at least 10 characters'],
      ['9 characters', 'a'.repeat(9), 'the password must have at least 10 characters'],
      ['10 characters', 'a'.repeat(10), undefined],
      ['10 Chinese characters', '交通管理服务平台账号密', undefined],
      ['5 emoji (10 UTF-16 units, 5 characters)', '😀'.repeat(5), 'the password must have at least 10 characters'],
      ['10 emoji', '😀'.repeat(10), undefined],
      ['200 characters', 'b'.repeat(200), undefined],
      ['200 emoji (400 UTF-16 units)', '😀'.repeat(200), undefined],
      ['201 characters', 'b'.repeat(201), 'the password must have at most 200 characters'],
    ])('%s', (_label, password, problem) => {
      expect(passwordProblem(password)).toBe(problem);
    });
  });
});
