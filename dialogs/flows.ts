import type { DialogDeps } from './DialogDeps';
import { ExamBookDialog } from './exams/ExamBookDialog';
import { ExamCancelDialog } from './exams/ExamCancelDialog';
import { ExamQueryDialog } from './exams/ExamQueryDialog';
import { FinePayDialog } from './fines/FinePayDialog';
import { FineQueryDialog } from './fines/FineQueryDialog';
import type { FlowRegistry } from './main/MainDialog';
import { PlateQueryDialog } from './plates/PlateQueryDialog';
import { PlateSelectDialog } from './plates/PlateSelectDialog';
import { PointsDialog } from './points/PointsDialog';

/** The flow dialog of every service intent. */
export function buildFlows(deps: DialogDeps): FlowRegistry {
  return {
    'exam.book': new ExamBookDialog(deps),
    'exam.query': new ExamQueryDialog(deps),
    'exam.cancel': new ExamCancelDialog(deps),
    'plate.select': new PlateSelectDialog(deps),
    'plate.query': new PlateQueryDialog(deps),
    'fine.query': new FineQueryDialog(deps),
    'fine.pay': new FinePayDialog(deps),
    'points.query': new PointsDialog(deps),
  };
}
