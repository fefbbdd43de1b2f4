import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import { generateApiKey, hashApiKey, prefixOf } from './api-keys';
import { conflict } from './errors';
import type { Actor, AppContext } from './context';

/** Creates the first workspace with its owner and key when it does not exist yet (idempotent). */
export async function bootstrapWorkspace(models: Models, b: { workspace: string; email: string; apiKey: string }): Promise<boolean> {
  const res = await models.Workspace.updateOne({ _id: b.workspace }, { $setOnInsert: { name: b.workspace } }, { upsert: true });
  if (res.upsertedCount === 0) return false;
  await models.Member.updateOne(
    { workspace: b.workspace, email: b.email },
    { $setOnInsert: { role: 'owner', keyPrefix: prefixOf(b.apiKey), keyHash: hashApiKey(b.apiKey) } },
    { upsert: true },
  );
  return true;
}

export async function addMember(ctx: AppContext, actor: Actor, input: { email: string; role: Role; name?: string }) {
  const { key, prefix, hash } = generateApiKey();
  try {
    await ctx.models.Member.create({ workspace: actor.workspace, email: input.email, name: input.name ?? '', role: input.role, keyPrefix: prefix, keyHash: hash });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`${input.email} is already a member of this workspace`);
    throw err;
  }
  return { email: input.email, role: input.role, apiKey: key };
}
