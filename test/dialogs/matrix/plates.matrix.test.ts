import { defineMatrix } from './defineMatrix';
import { PLATES_REACH } from './reach/plates';

defineMatrix('plates', PLATES_REACH);
