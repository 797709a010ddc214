import { defineMatrix } from './defineMatrix';
import { FINES_REACH } from './reach/fines';

defineMatrix('fines', FINES_REACH);
