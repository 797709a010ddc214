import { PERSONAS, type World } from '../../harness';
import type { Fixture } from '../runMatrix';

const WQ = PERSONAS.wangQiang;
/** A plate was reserved for one of 王强's cars. */
async function reserved(w: World): Promise<boolean> {
  return (await w.platform.plates.reservedPlate({ idNumber: WQ.idNumber })).length > 0;
}

const FUEL = { 'zh-CN': '帮我车架号尾号008821的车选个号', en: 'choose a plate for my car with VIN ending 008821' };
const VEHICLES = { 'zh-CN': '你名下有以下车辆还没有号牌，要为哪一辆选号？', en: 'which one would you like to choose a plate for?' };
const WAY = { 'zh-CN': '请选择选号方式', en: 'How would you like to choose?' };
const NUMBERS = { 'zh-CN': '请写出想要的号码', en: 'Write the numbers you would like' };
const FUEL_CHOSEN = { 'zh-CN': '好的，为车架号尾号008821的车辆选号。', en: 'OK, choosing a plate for the vehicle with VIN ending 008821.' };

/**
 * How the prompt × act matrix reaches each question of the plate flows, as 王强 (two new cars without plates: a
 * battery-electric one …654321 and a fuel one …008821). Random rounds are drawn at random, so the candidates are
 * picked by position or as 「换一批」, never by a plate known in advance.
 */
export const PLATES_REACH: Record<string, Fixture> = {
  'plate.vehiclePrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': ['我要选号'], en: ['choose a plate for my new car'] },
    marker: VEHICLES,
    done: reserved,
    pick: { index: 1, partial: { 'zh-CN': '燃油车', en: 'the fuel car' }, expect: FUEL_CHOSEN },
    ambiguous: { 'zh-CN': '车架号后六位那辆', en: 'VIN ending' },
    any: { 'zh-CN': '好的，为车架号尾号654321的车辆选号。', en: 'OK, choosing a plate for the vehicle with VIN ending 654321.' },
  },
  'plate.vinPrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': ['我要选号', '其他车辆'], en: ['choose a plate for my new car', 'Another vehicle'] },
    marker: { 'zh-CN': '请输入要选号车辆的车架号', en: 'Please enter the VIN of the vehicle that needs a plate' },
    done: reserved,
    value: { say: { 'zh-CN': `车架号${WQ.fuelVin}`, en: `the VIN is ${WQ.fuelVin}` }, expect: FUEL_CHOSEN },
  },
  'plate.wayPrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': [FUEL['zh-CN']], en: [FUEL.en] },
    marker: WAY,
    done: reserved,
    pick: { index: 1, partial: { 'zh-CN': '自编', en: 'my own numbers' }, expect: NUMBERS },
    correct: { say: { 'zh-CN': `换成${WQ.evVin}`, en: `make it ${WQ.evVin} instead` }, expect: { 'zh-CN': '好的，为车架号尾号654321的车辆选号。', en: 'OK, choosing a plate for the vehicle with VIN ending 654321.' } },
    back: VEHICLES,
  },
  'plate.candidatePrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': [FUEL['zh-CN'], '随机选号'], en: [FUEL.en, 'random numbers'] },
    marker: { 'zh-CN': '第1轮随机号码（共10个）', en: 'Round 1 of random plates (10)' },
    done: reserved,
    pick: { index: 10, partial: { 'zh-CN': '换一批', en: 'show 10 more' }, expect: { 'zh-CN': '第2轮随机号码（共10个）', en: 'Round 2 of random plates (10)' } },
    ambiguous: { 'zh-CN': '苏A', en: '苏A' },
    any: { 'zh-CN': '确认为车架号尾号008821的车辆选用号牌苏A', en: 'Take the plate 苏A' },
    back: WAY,
  },
  'plate.patternPrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': [FUEL['zh-CN'], '自编号码'], en: [FUEL.en, 'my own numbers'] },
    marker: NUMBERS,
    done: reserved,
    value: { say: { 'zh-CN': '6M888', en: '6M888' }, expect: { 'zh-CN': '1. 苏A6M888：可以选', en: '1. 苏A6M888: available' } },
    back: WAY,
  },
  'plate.confirmPrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': [FUEL['zh-CN'], '自编号码', '6M888'], en: [FUEL.en, 'my own numbers', '6M888'] },
    marker: { 'zh-CN': '确认为车架号尾号008821的车辆选用号牌苏A6M888吗？', en: 'Take the plate 苏A6M888 for the vehicle with VIN ending 008821?' },
    done: reserved,
    affirm: { expect: { 'zh-CN': '选号成功！号牌苏A6M888已为车架号尾号008821的车辆保留', en: 'Done! The plate 苏A6M888 is held for the vehicle with VIN ending 008821' }, done: true },
    back: NUMBERS,
  },
  'plate.query.offerPrompt': {
    persona: 'wangQiang',
    say: { 'zh-CN': ['查我的号牌'], en: ['my plates'] },
    marker: { 'zh-CN': '需要现在为车辆选号吗？', en: 'Would you like to choose a plate now?' },
    done: reserved,
    affirm: { expect: VEHICLES, done: false },
  },
};
