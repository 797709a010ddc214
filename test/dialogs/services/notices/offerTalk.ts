import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, play, type ScriptLine, type World } from '../../harness';
import type { MemoryConsents } from './memoryConsents';

/** A conversation with the whole bot as this persona, notices wired to `consents` (none: not wired). */
export async function offerTalk(
  persona: { idNumber: string; name: string; phone: string },
  consents: MemoryConsents | undefined,
  script: ScriptLine[],
): Promise<World> {
  const world = makeWorld();
  await bindAs(world, persona);
  if (consents) world.deps.notices = consents;
  await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), script);
  return world;
}
