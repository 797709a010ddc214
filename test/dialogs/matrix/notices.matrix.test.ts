import { defineMatrix } from './defineMatrix';
import { NOTICE_REACH } from './reach/notices';

defineMatrix('notices', NOTICE_REACH);
