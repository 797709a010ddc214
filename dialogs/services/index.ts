import { ACCOUNT } from './account/service';
import { EXAMS } from './exams/service';
import { FINES } from './fines/service';
import { KNOWLEDGE } from './knowledge/service';
import { NOTICES } from './notices/service';
import { PLATES } from './plates/service';
import { POINTS } from './points/service';
import { ServiceIndex } from './ServiceIndex';
import type { ServiceModule } from './ServiceModule';

/** The services, in the order of their intents (DESIGN.md §3). The one list: everything else derives from it. */
export const SERVICES: readonly ServiceModule[] = [EXAMS, PLATES, FINES, POINTS, ACCOUNT, KNOWLEDGE, NOTICES];

/** The services' derived views (building it adds their catalogues to the message catalogues). */
export const SERVICE_INDEX = new ServiceIndex(SERVICES);
