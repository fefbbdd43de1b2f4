// Members and their API keys. Keys are stored only as hashes and shown once; each is known by its
// public prefix and revocable on its own. The owner set lives on the workspace document, so "never
// remove the last owner" holds under concurrency without transactions.
import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import { generateApiKey, hashApiKey, prefixOf } from './api-keys';
import { audited } from './audit';
import type { Actor, AppContext } from './context';
import { conflict, forbidden, notFound } from './errors';

/** Creates the first workspace with its owner and key when it does not exist yet (idempotent). */
export async function bootstrapWorkspace(models: Models, b: { workspace: string; email: string; apiKey: string }): Promise<boolean> {
  const res = await models.Workspace.updateOne({ _id: b.workspace }, { $setOnInsert: { name: b.workspace, owners: [b.email] } }, { upsert: true });
  if (res.upsertedCount === 0) return false;
  await models.Member.updateOne({ workspace: b.workspace, email: b.email }, { $setOnInsert: { role: 'owner' } }, { upsert: true });
  await models.ApiKey.updateOne(
    { _id: prefixOf(b.apiKey) },
    { $setOnInsert: { workspace: b.workspace, email: b.email, name: 'bootstrap', hash: hashApiKey(b.apiKey), createdBy: 'bootstrap' } },
    { upsert: true },
  );
  return true;
}

const memberView = (m: { email: string; name?: string | null; role: string; createdAt?: Date }) => ({
  email: m.email, name: m.name ?? '', role: m.role, created: m.createdAt?.toISOString(),
});

/** Only an owner may hand out, take away or touch the owner role. */
function assertMayTouchRole(actor: Actor, ...rolesInvolved: Role[]) {
  if (rolesInvolved.includes('owner') && actor.role !== 'owner') throw forbidden('only an owner may grant, change or remove the owner role');
}

async function loadMember(ctx: AppContext, actor: Actor, email: string) {
  const m = await ctx.models.Member.findOne({ workspace: actor.workspace, email }).lean();
  if (!m) throw notFound(`member ${email}`);
  return m;
}

type NewKey = ReturnType<typeof generateApiKey>;

/** Stores a key made beforehand (so its audit event can name it before it exists); answers it once. */
async function issueKey(ctx: AppContext, actor: Actor, email: string, name: string, made: NewKey) {
  await ctx.models.ApiKey.create({ _id: made.prefix, workspace: actor.workspace, email, name, hash: made.hash, createdBy: actor.email });
  return { prefix: made.prefix, apiKey: made.key };
}

/** The member document, refused when the address is already a member (invitations and `addMember`). */
export async function createMember(ctx: AppContext, actor: Actor, input: { email: string; role: Role; name?: string }) {
  assertMayTouchRole(actor, input.role);
  let member;
  try {
    member = await ctx.models.Member.create({ workspace: actor.workspace, email: input.email, name: input.name ?? '', role: input.role });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`${input.email} is already a member of this workspace`);
    throw err;
  }
  if (input.role === 'owner') await ctx.models.Workspace.updateOne({ _id: actor.workspace }, { $addToSet: { owners: input.email } });
  return member;
}

export async function addMember(ctx: AppContext, actor: Actor, input: { email: string; role: Role; name?: string }) {
  await assertMayChange(ctx, actor, null, input.email, input.role);
  const made = generateApiKey();
  const { prefix, apiKey } = await audited(ctx, actor, 'member.added', input.email, { model: 'ApiKey', id: made.prefix }, async () => {
    await createMember(ctx, actor, input);
    return issueKey(ctx, actor, input.email, 'default', made);
  }, (issued) => ({ role: input.role, keyPrefix: issued.prefix }));
  return { email: input.email, role: input.role, apiKey, keyPrefix: prefix };
}

export async function listMembers(ctx: AppContext, actor: Actor) {
  const members = await ctx.models.Member.find({ workspace: actor.workspace }).sort({ createdAt: 1, email: 1 }).lean();
  return { members: members.map(memberView) };
}

/**
 * What the change would refuse, checked before its audit event is begun, so that a refused request
 * writes nothing (the change checks again, atomically, for a concurrent one).
 */
export async function assertMayChange(ctx: AppContext, actor: Actor, member: { role: string } | null, email: string, newRole?: Role) {
  if (newRole) assertMayTouchRole(actor, newRole, ...(member ? [member.role as Role] : []));
  else if (member) assertMayTouchRole(actor, member.role as Role);
  if (!member && (await ctx.models.Member.exists({ workspace: actor.workspace, email }))) throw conflict(`${email} is already a member of this workspace`);
  const losesOwner = member?.role === 'owner' && newRole !== 'owner';
  if (losesOwner && ((await ctx.models.Workspace.findById(actor.workspace, { owners: 1 }).lean())?.owners?.length ?? 0) < 2) {
    throw conflict('a workspace must keep at least one owner');
  }
}

/** Takes `email` out of the owner set, unless it is the last owner. */
async function releaseOwnership(ctx: AppContext, actor: Actor, email: string) {
  const res = await ctx.models.Workspace.updateOne(
    { _id: actor.workspace, owners: email, 'owners.1': { $exists: true } },
    { $pull: { owners: email } },
  );
  if (res.modifiedCount !== 1) throw conflict('a workspace must keep at least one owner');
}

export async function updateMember(ctx: AppContext, actor: Actor, email: string, input: { role?: Role; name?: string }) {
  const member = await loadMember(ctx, actor, email);
  if (input.role && input.role !== member.role) await assertMayChange(ctx, actor, member, email, input.role);
  const changes = { ...(input.role ? { role: input.role } : {}), ...(input.name !== undefined ? { name: input.name } : {}) };
  const updated = await audited(ctx, actor, 'member.updated', email, { model: 'Member', filter: { workspace: actor.workspace, email, ...changes } }, async () => {
    if (input.role && input.role !== member.role) {
      assertMayTouchRole(actor, input.role, member.role as Role);
      if (member.role === 'owner') await releaseOwnership(ctx, actor, email);
      if (input.role === 'owner') await ctx.models.Workspace.updateOne({ _id: actor.workspace }, { $addToSet: { owners: email } });
    }
    return ctx.models.Member.findOneAndUpdate({ workspace: actor.workspace, email }, { $set: changes }, { returnDocument: 'after' }).lean();
  }, () => ({ from: { role: member.role, name: member.name }, to: input }));
  return memberView(updated!);
}

/** Ends the member's access at once: keys revoked, sessions ended, leased images released to the stream. */
export async function removeMember(ctx: AppContext, actor: Actor, email: string) {
  const member = await loadMember(ctx, actor, email);
  await assertMayChange(ctx, actor, member, email);
  await audited(ctx, actor, 'member.removed', email, { model: 'Member', filter: { workspace: actor.workspace, email }, absent: true }, async () => {
    if (member.role === 'owner') await releaseOwnership(ctx, actor, email);
    await ctx.models.ApiKey.updateMany({ workspace: actor.workspace, email, revokedAt: null }, { $set: { revokedAt: new Date() } });
    await ctx.models.Member.deleteOne({ workspace: actor.workspace, email });
    // Sessions already die with the member document they are bound to; ending them keeps the record plain.
    await ctx.models.Session.updateMany({ workspace: actor.workspace, email, endedAt: null }, { $set: { endedAt: new Date() } });
    return ctx.models.JobImage.updateMany({ workspace: actor.workspace, leaseHolder: email }, { $set: { leaseHolder: null, leaseExpiresAt: null } });
  }, (released) => ({ role: member.role, releasedImages: released.modifiedCount }));
}

const keyView = (k: { _id: string; email: string; name?: string | null; createdBy: string; createdAt?: Date; revokedAt?: Date | null }) => ({
  prefix: k._id, email: k.email, name: k.name ?? '', createdBy: k.createdBy, created: k.createdAt?.toISOString(), revoked: k.revokedAt?.toISOString() ?? null,
});

export async function listKeys(ctx: AppContext, actor: Actor, email?: string) {
  const keys = await ctx.models.ApiKey.find({ workspace: actor.workspace, ...(email ? { email } : {}) }).sort({ createdAt: 1 }).lean();
  return { keys: keys.map(keyView) };
}

export async function createKey(ctx: AppContext, actor: Actor, email: string, name: string) {
  await loadMember(ctx, actor, email);
  const made = generateApiKey();
  const issued = await audited(ctx, actor, 'key.issued', email, { model: 'ApiKey', id: made.prefix }, () => issueKey(ctx, actor, email, name, made), (k) => ({ keyPrefix: k.prefix, name }));
  return { email, name, keyPrefix: issued.prefix, apiKey: issued.apiKey };
}

export async function revokeKey(ctx: AppContext, actor: Actor, prefix: string) {
  const key = await ctx.models.ApiKey.findOne({ _id: prefix, workspace: actor.workspace }).lean();
  if (!key) throw notFound(`key ${prefix}`);
  if (key.revokedAt) throw conflict(`key ${prefix} is already revoked`);
  await audited(ctx, actor, 'key.revoked', key.email, { model: 'ApiKey', id: prefix, filter: { revokedAt: { $ne: null } } },
    () => ctx.models.ApiKey.updateOne({ _id: prefix, revokedAt: null }, { $set: { revokedAt: new Date() } }), () => ({ keyPrefix: prefix }));
}

/** Revokes every live key of the member and issues one new key, shown once. */
export async function rotateKeys(ctx: AppContext, actor: Actor, email: string) {
  await loadMember(ctx, actor, email);
  const live = await ctx.models.ApiKey.find({ workspace: actor.workspace, email, revokedAt: null }, { _id: 1 }).lean();
  const made = generateApiKey();
  const issued = await audited(ctx, actor, 'key.rotated', email, { model: 'ApiKey', id: made.prefix }, async () => {
    await ctx.models.ApiKey.updateMany({ _id: { $in: live.map((k) => k._id) } }, { $set: { revokedAt: new Date() } });
    return issueKey(ctx, actor, email, 'rotated', made);
  }, (k) => ({ revoked: live.map((l) => l._id), keyPrefix: k.prefix }));
  return { email, keyPrefix: issued.prefix, apiKey: issued.apiKey };
}

export async function whoAmI(ctx: AppContext, actor: Actor) {
  return memberView(await loadMember(ctx, actor, actor.email));
}
