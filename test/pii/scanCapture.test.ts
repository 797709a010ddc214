import { maskPii } from '../../integrations/privacy/maskPii';
import { idNumber, LI_NA, vin, WANG_QIANG, ZHANG_WEI } from '../integrations/platform/fixtures';
import { isIdNumber, isVin, scanText } from './scanCapture';

const kinds = (text: string) => scanText(text).map((f) => `${f.kind}${f.persona ? '*' : ''} ${f.masked} @${f.line}:${f.column}`);

describe('scanCapture: what the PII scan counts as a leak', () => {
  it('finds planted raw values: persona ID numbers, phones and VINs, and anyone else\'s valid ones', () => {
    expect(kinds(`{"msg":"绑定 ${LI_NA.idNumber} 手机${LI_NA.phone}"}\nvin=${LI_NA.vin}`)).toEqual([
      'id_number* 320583********0024 @1:12', 'phone* 138****5678 @1:33', 'vin* LSV**********3456 @2:5',
    ]);
    const other = idNumber(17);
    expect(kinds(`id ${other}, tel 15051234567, car ${vin(4711)}`)).toEqual([
      `id_number ${other.slice(0, 6)}********${other.slice(14)} @1:4`, 'phone 150****4567 @1:28', `vin LSV**********4711 @1:45`,
    ]);
  });

  it('finds a lowercase x, a lowercase VIN, prefixed and separated phones, and values behind JSON or URL escapes', () => {
    expect(kinds(WANG_QIANG.idNumber.toLowerCase())).toEqual(['id_number* 110105********002x @1:1']);
    expect(kinds(`"${WANG_QIANG.evVin.toLowerCase()}"`)).toEqual(['vin* lgx**********4321 @1:2']);
    expect(kinds('+8615051234567 / 150-5123-4567 / 150 5123 4567')).toHaveLength(3);
    expect(kinds('"text":"你好\\n15051234567"')).toEqual(['phone 150****4567 @1:13']);
    expect(kinds('sms?q=%E6%89%8B15051234567')).toEqual(['phone 150****4567 @1:16']);
    expect(kinds(`a\nb\n  ${ZHANG_WEI.phone}`)).toEqual(['phone* 139****5678 @3:3']);
  });

  it('masked forms are not findings (the masks maskPii writes)', () => {
    const masked = maskPii(`${LI_NA.idNumber} ${WANG_QIANG.idNumber} ${LI_NA.phone} +86 138-1234-5678 ${LI_NA.vin} ${WANG_QIANG.fuelVin} ${LI_NA.plate}`);
    expect(masked).toContain('110105********002X');
    expect(kinds(masked)).toEqual([]);
    expect(kinds('110105********002X 138****5678 LSV**********3456 苏A***45')).toEqual([]);
  });

  it('numbers in longer digit runs, decimals, decision numbers, tokens and timestamps are not findings', () => {
    expect(kinds('<MsgId>70000000013812345678</MsgId> MsgId 7000000000000000001')).toEqual([]);
    expect(kinds(`决定书 ${LI_NA.decision} 320100123400815 V2026110100031`)).toEqual([]);
    expect(kinds('jiaoguan_turn_seconds_sum 0.13812345678 "time":1764040000123 pid=13812')).toEqual([]);
    expect(kinds('token=a15051234567f csrf 9f18912345678ab')).toEqual([]);
  });

  it('a /metrics sample value is a measurement, not a phone; a phone in a label or in HELP text still is', () => {
    expect(scanText('jiaoguan_process_virtual_memory_bytes 13375504384')).toEqual([]);
    expect(scanText('jiaoguan_turn_seconds_sum{channel="wechat"} 13375504384 1795669720192')).toEqual([]);
    expect(scanText('jiaoguan_handoffs{citizen="13375504384"} 1').map((f) => f.kind)).toEqual(['phone']);
    expect(scanText('# HELP jiaoguan_x call 13375504384 back').map((f) => f.kind)).toEqual(['phone']);
  });

  it('an 18-digit number is an ID only with a real birth date and the right check character; a VIN only with its check digit', () => {
    expect(isIdNumber(ZHANG_WEI.idNumber)).toBe(true);
    expect(isIdNumber('320102199003071238')).toBe(false);
    expect(isIdNumber('320102199013071230')).toBe(false);
    expect(kinds('320102199003071238 and 123456789012345678')).toEqual([]);
    expect(isVin(LI_NA.vin)).toBe(true);
    expect(isVin('LSVAU2186N2123456')).toBe(false);
    expect(isVin('12345678901234567')).toBe(false);
    expect(kinds('LSVAU2186N2123456 ABCDEFGHJKLMNPRST')).toEqual([]);
  });
});
