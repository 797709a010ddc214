import { defineMatrix } from './defineMatrix';
import { ACCOUNT_REACH, BINDING_QUESTIONS } from './reach/account';

defineMatrix('account', ACCOUNT_REACH, BINDING_QUESTIONS);
