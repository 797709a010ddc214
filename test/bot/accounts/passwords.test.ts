import { hashPassword, passwordProblem, verifyPassword } from '../../../bot/accounts/passwords';

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
    const SHORT = 'the password must have at least 10 characters';
    const REPEATED = 'the password must not be one character or a short group of characters repeated (such as "aaaaaaaaaa" or "1212121212")';
    const SEQUENCE = 'the password must not be a simple sequence (such as "1234567890", "abcdefghij" or a row of the keyboard)';
    const COMMON = 'the password is one of the most common passwords (such as "123456", "woaini1314" or "password123"); choose one that is hard to guess';
    const NAME = 'the password must not contain the username or the display name';

    it.each<[string, string, string | undefined]>([
      ['empty', '', SHORT],
      ['9 characters', 'k7#pq2mzx', SHORT],
      ['10 characters', 'k7#pq2mzxw', undefined],
      ['10 Chinese characters', '交通管理服务平台账号密', undefined],
      ['5 emoji (10 UTF-16 units, 5 characters)', '😀'.repeat(5), SHORT],
      ['10 different emoji', '😀🚗🚦🛵🚓🚑🚒🚲🛴🚌', undefined],
      ['200 characters', 'correct horse battery staple '.repeat(7).slice(0, 200), undefined],
      ['201 characters', 'b'.repeat(201), 'the password must have at most 200 characters'],
      ['a passphrase with spaces', 'correct horse 电池 staple', undefined],
      ['one character repeated', 'aaaaaaaaaa', REPEATED],
      ['one digit repeated (888…)', '8888888888', REPEATED],
      ['one emoji repeated', '😀'.repeat(10), REPEATED],
      ['a pair repeated', '1212121212', REPEATED],
      ['a group of three repeated', 'abcabcabca', REPEATED],
      ['digits counting up', '1234567890', SEQUENCE],
      ['digits counting down', '9876543210', SEQUENCE],
      ['digits from 0', '0123456789', SEQUENCE],
      ['the alphabet', 'abcdefghijk', SEQUENCE],
      ['the alphabet backwards, upper case', 'KJIHGFEDCBA', SEQUENCE],
      ['the top row of the keyboard', 'qwertyuiop', SEQUENCE],
      ['two keyboard rows', 'qwertyuiopasdf', SEQUENCE],
      ['keyboard columns', '1qaz2wsx3edc', SEQUENCE],
      ['woaini1314', 'woaini1314', COMMON],
      ['5201314520', '5201314520', COMMON],
      ['Woaini1314 with a capital', 'Woaini1314', COMMON],
      ['admin123 with digits', 'admin123456', COMMON],
      ['password123', 'password123', COMMON],
      ['P@ssw0rd2024!', 'P@ssw0rd2024!', COMMON],
      ['qwerty with digits', 'qwerty2024!', COMMON],
      ['a123456789', 'a123456789', COMMON],
      ['iloveyou1314', 'iloveyou1314', COMMON],
      ['full-width ｐａｓｓｗｏｒｄ１２３', 'ｐａｓｓｗｏｒｄ１２３', COMMON],
      ['a common word twice', 'adminadmin', COMMON],
      ['a common word inside a longer phrase', 'my old password was long', undefined],
    ])('%s', (_label, password, problem) => {
      expect(passwordProblem(password)).toBe(problem);
    });

    it.each<[string, string, { username?: string; displayName?: string }, string | undefined]>([
      ['the username', 'wang.kefu2024!', { username: 'wang.kefu' }, NAME],
      ['the username in upper case', 'WANG.KEFU#2024', { username: 'wang.kefu' }, NAME],
      ['a long part of the username', 'zhangwei-hotline-7', { username: 'zhangwei.gh' }, NAME],
      ['the display name', '王客服的新密码好长啊', { username: 'wang.kefu', displayName: '王客服' }, NAME],
      ['neither', 'correct horse 12', { username: 'wang.kefu', displayName: '王客服' }, undefined],
      ['a short part of the username (3 letters) is allowed', 'wangdoodle-42x', { username: 'wan.kefu' }, undefined],
    ])('%s', (_label, password, owner, problem) => {
      expect(passwordProblem(password, owner)).toBe(problem);
    });
  });
});
