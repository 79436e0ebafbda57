import { verifyReplacement } from '../../crypto/replacementSignature';
import { BACKUP_KEY_DOC_ID, backupKeyDoc, keyIdOf } from '../../domain/backup/publicKeyText';
import { replacementStatement, storeBeyondRestore } from '../../domain/backup/replacement';
import { deviceKeyId, publicKeyJwk, sameKey, type DeviceKeyDoc, type PublicKeyJwk } from '../../domain/sync/signedHead';
import { Refusal, type StoreFacts } from './pushRules';

const refuse = (device: string, why: string) =>
  new Refusal(403, 'replacement_refused', `The replacement statement for device ${device} is refused: ${why}. Nothing was changed on the central store.`);

/**
 * A replacement tablet registering its key with the statement its restore signed (issue 16,
 * point 3). Only a holder of the hospital's private backup key file could sign it, so the device
 * account alone (which a thief of the lost tablet may have) never takes a code over. Checked
 * before anything is written: the signature against the replacement signing key the central store
 * holds, the code against the caller's account, the new key against the one being registered, the
 * old key against the one registered now (so a statement works once: after a second replacement
 * the key it names is no longer current), and the restored head against the store's newest event
 * of the code (a stale bundle must not hand out numbers the store already holds). Then the same
 * record `replace-device-key` writes, marked as made by the statement, and the key replaced.
 */
export async function replaceWithStatement(facts: StoreFacts, doc: DeviceKeyDoc, held: PublicKeyJwk, body: unknown, now: Date): Promise<void> {
  const { device } = doc;
  const parsed = replacementStatement.safeParse(body);
  if (!parsed.success) throw refuse(device, 'it is not a replacement statement');
  const statement = parsed.data;
  if (statement.device !== device) throw refuse(device, `it replaces device ${statement.device}, not ${device}, whose account this is`);
  if (!sameKey(statement.newKey, doc.publicKey)) throw refuse(device, `it names key ${keyIdOf(statement.newKey)}, not the key ${keyIdOf(doc.publicKey)} being registered`);
  const backup = backupKeyDoc.safeParse(await facts.readDoc(BACKUP_KEY_DOC_ID));
  if (!backup.success) throw refuse(device, 'the central store has no backup key to check it with');
  const signingKey = backup.data.signingKey;
  if (!signingKey) throw refuse(device, 'the central store\'s backup key was made before replacement signing keys: an administrator replaces the key with npm run central -- replace-device-key');
  if (statement.hospital !== backup.data.hospital) throw refuse(device, `it is for hospital "${statement.hospital}", not "${backup.data.hospital}"`);
  if (!(await verifyReplacement(signingKey, statement))) {
    throw refuse(device, `it is not signed with this hospital's backup key file (replacement signing key ${keyIdOf(signingKey)})`);
  }
  if (!sameKey(statement.oldKey, held)) {
    throw refuse(device, `it replaces key ${keyIdOf(statement.oldKey)}, but the key registered now is ${keyIdOf(held)}: that key was replaced already, and a statement is used once`);
  }
  const newest = await facts.newest(device);
  const beyond = storeBeyondRestore(statement, newest && { seq: newest.seq, hash: newest.stored.hash });
  if (beyond) throw refuse(device, `${beyond}; restore from a newer bundle`);

  const current = await facts.readDoc(deviceKeyId(device));
  const still = publicKeyJwk.safeParse(current?.publicKey);
  if (!current || typeof current._rev !== 'string' || !still.success || !sameKey(still.data, held)) throw refuse(device, 'the registered key changed meanwhile: open the gate again');
  const at = now.toISOString();
  const record = {
    _id: `devicekey-replaced:${device}:${at}`, type: 'device-key-replaced', device, at, oldKey: held, registeredAt: current.registeredAt,
    by: `the replacement tablet's statement (restored to event ${statement.seq}, signed with replacement signing key ${statement.signingKeyId})`,
    madeBy: 'replacement-statement', statement,
  };
  const saved = await facts.writeDoc(record._id, record);
  if (saved !== 201 && saved !== 202) throw new Refusal(503, 'unavailable', `The central store refused the replacement record (HTTP ${saved}): try again.`);
  // With the revision read above: a registration racing this one makes the store answer 409.
  const replaced = await facts.writeDoc(deviceKeyId(device), { ...doc, _rev: current._rev });
  if (replaced !== 201 && replaced !== 202) {
    const rev = (await facts.readDoc(record._id))?._rev;
    if (typeof rev === 'string') await facts.writeDoc(record._id, { ...record, _rev: rev, _deleted: true });
    throw refuse(device, `the central store did not take the new key (HTTP ${replaced}): open the gate again`);
  }
  facts.forgetKey(device);
}
