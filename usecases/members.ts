// Members and their API keys. Keys are stored only as hashes and shown once; each is known by its
// public prefix and revocable on its own. The owner set lives on the workspace document, so "never
// remove the last owner" holds under concurrency without transactions.
import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import { generateApiKey, hashApiKey, prefixOf } from './api-keys';
import { audit } from './audit';
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

async function issueKey(ctx: AppContext, actor: Actor, email: string, name: string) {
  const { key, prefix, hash } = generateApiKey();
  await ctx.models.ApiKey.create({ _id: prefix, workspace: actor.workspace, email, name, hash, createdBy: actor.email });
  return { prefix, apiKey: key };
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
  await createMember(ctx, actor, input);
  const { prefix, apiKey } = await issueKey(ctx, actor, input.email, 'default');
  await audit(ctx, actor, 'member.added', input.email, { role: input.role, keyPrefix: prefix });
  return { email: input.email, role: input.role, apiKey, keyPrefix: prefix };
}

export async function listMembers(ctx: AppContext, actor: Actor) {
  const members = await ctx.models.Member.find({ workspace: actor.workspace }).sort({ createdAt: 1, email: 1 }).lean();
  return { members: members.map(memberView) };
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
  if (input.role && input.role !== member.role) {
    assertMayTouchRole(actor, input.role, member.role as Role);
    if (member.role === 'owner') await releaseOwnership(ctx, actor, email);
    if (input.role === 'owner') await ctx.models.Workspace.updateOne({ _id: actor.workspace }, { $addToSet: { owners: email } });
  }
  const updated = await ctx.models.Member.findOneAndUpdate(
    { workspace: actor.workspace, email },
    { $set: { ...(input.role ? { role: input.role } : {}), ...(input.name !== undefined ? { name: input.name } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  await audit(ctx, actor, 'member.updated', email, { from: { role: member.role, name: member.name }, to: input });
  return memberView(updated!);
}

/** Ends the member's access at once: keys revoked, sessions ended, leased images released to the stream. */
export async function removeMember(ctx: AppContext, actor: Actor, email: string) {
  const member = await loadMember(ctx, actor, email);
  assertMayTouchRole(actor, member.role as Role);
  if (member.role === 'owner') await releaseOwnership(ctx, actor, email);
  await ctx.models.ApiKey.updateMany({ workspace: actor.workspace, email, revokedAt: null }, { $set: { revokedAt: new Date() } });
  await ctx.models.Member.deleteOne({ workspace: actor.workspace, email });
  // Sessions already die with the member document they are bound to; ending them keeps the record plain.
  await ctx.models.Session.updateMany({ workspace: actor.workspace, email, endedAt: null }, { $set: { endedAt: new Date() } });
  const released = await ctx.models.JobImage.updateMany(
    { workspace: actor.workspace, leaseHolder: email },
    { $set: { leaseHolder: null, leaseExpiresAt: null } },
  );
  await audit(ctx, actor, 'member.removed', email, { role: member.role, releasedImages: released.modifiedCount });
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
  const issued = await issueKey(ctx, actor, email, name);
  await audit(ctx, actor, 'key.issued', email, { keyPrefix: issued.prefix, name });
  return { email, name, keyPrefix: issued.prefix, apiKey: issued.apiKey };
}

export async function revokeKey(ctx: AppContext, actor: Actor, prefix: string) {
  const key = await ctx.models.ApiKey.findOne({ _id: prefix, workspace: actor.workspace }).lean();
  if (!key) throw notFound(`key ${prefix}`);
  if (key.revokedAt) throw conflict(`key ${prefix} is already revoked`);
  await ctx.models.ApiKey.updateOne({ _id: prefix, revokedAt: null }, { $set: { revokedAt: new Date() } });
  await audit(ctx, actor, 'key.revoked', key.email, { keyPrefix: prefix });
}

/** Revokes every live key of the member and issues one new key, shown once. */
export async function rotateKeys(ctx: AppContext, actor: Actor, email: string) {
  await loadMember(ctx, actor, email);
  const live = await ctx.models.ApiKey.find({ workspace: actor.workspace, email, revokedAt: null }, { _id: 1 }).lean();
  await ctx.models.ApiKey.updateMany({ _id: { $in: live.map((k) => k._id) } }, { $set: { revokedAt: new Date() } });
  const issued = await issueKey(ctx, actor, email, 'rotated');
  await audit(ctx, actor, 'key.rotated', email, { revoked: live.map((k) => k._id), keyPrefix: issued.prefix });
  return { email, keyPrefix: issued.prefix, apiKey: issued.apiKey };
}

export async function whoAmI(ctx: AppContext, actor: Actor) {
  return memberView(await loadMember(ctx, actor, actor.email));
}
