import { defineMatrix } from './defineMatrix';
import { EXAM_REACH } from './reach/exams';

defineMatrix('exams', EXAM_REACH);
