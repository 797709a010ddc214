import type { Locale } from '../../i18n/Locale';
import type { NoticeTopicId } from './NoticeTopic';

/** Other words citizens use for each topic (besides its label), to name it in 「关闭违章提醒」 "turn off fine reminders". */
export const TOPIC_WORDS: Readonly<Record<Locale, Readonly<Record<NoticeTopicId, readonly string[]>>>> = {
  'zh-CN': {
    'exam-reminder': ['考试提醒', '考前'],
    'exam-result': ['成绩', '出成绩', '考试结果'],
    'decision-issued': ['决定书', '处罚'],
    'fine-deadline': ['缴款', '罚款期限', '缴费期限', '交罚款'],
    'plate-expiring': ['号牌', '车牌', '选号'],
    'new-violation': ['违法', '违章', '新违章'],
    'licence-renewal': ['换证', '驾照到期', '驾驶证到期'],
  },
  en: {
    'exam-reminder': ['test reminder', 'exam reminders', 'reminder before the test'],
    'exam-result': ['results', 'test result', 'exam result'],
    'decision-issued': ['decisions', 'penalty decision', 'penalty'],
    'fine-deadline': ['fine deadline', 'deadlines', 'fines'],
    'plate-expiring': ['plate', 'plates', 'reserved plate'],
    'new-violation': ['violations', 'violation', 'tickets'],
    'licence-renewal': ['renewal', 'licence', 'license renewal'],
  },
};
