/**
 * What `team init` puts on the server besides the database: its `_security` object (who may read
 * and write) and a design document whose `validate_doc_update` the server runs on every write, so
 * that the rules hold whatever client writes (docs/team.md#the-server-enforces). The function is
 * JavaScript that runs inside CouchDB (SpiderMonkey/QuickJS in CouchDB 3): ES5, no closures over
 * this module, kept as a string.
 */
export const DESIGN_DOC_ID = '_design/briefing-desk'

export function securityObject(admins: readonly string[], members: readonly string[]): object {
  return { admins: { names: [...new Set(admins)], roles: [] }, members: { names: [...new Set([...admins, ...members])], roles: [] } }
}

/**
 * Refuses: writers who are neither members nor admins of the database; documents whose id is
 * not `kind:id` of a known kind; records missing their fields; a `changedBy` that is not the
 * writer; a change of `author` (the creator's, for the life of the document); a record marked
 * private (private highlights never leave their machine); a change of a page image (named by
 * its digest, team-page-images.ts), and its removal by anyone but an admin of the team. Server admins may write revisions
 * changed by others (replication between servers runs as one), never malformed or private ones.
 */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  function has(list, name) { return !!list && list.indexOf(name) !== -1; }
  var admins = (secObj && secObj.admins) || {}, members = (secObj && secObj.members) || {};
  var isServerAdmin = has(userCtx.roles, '_admin');
  // CouchDB refuses non-members before this runs; checked again here, when the server passes the
  // security object (express-pouchdb leaves it out for _bulk_docs, see docs/team.md).
  if (members.names && !isServerAdmin && !has(admins.names, userCtx.name) && !has(members.names, userCtx.name)) {
    throw({ forbidden: 'not a member of this team' });
  }
  // Server admins are also who replicates between servers: a replicated revision was written by
  // someone else, on another server, and keeps its changedBy and author.
  var isWriter = function (name) { return isServerAdmin || name === userCtx.name; };
  if (newDoc._deleted) {
    if (newDoc.changedBy !== undefined && !isWriter(newDoc.changedBy)) throw({ forbidden: 'changedBy must be the writer' });
    // A page image with the wrong bytes is removed by an admin of the team (team pages remove), so
    // the true ones can be sent; a member cannot delete one and write other bytes in its place.
    if (/^page:/.test(newDoc._id) && !isServerAdmin && !has(admins.names, userCtx.name)) throw({ forbidden: 'only an admin of the team may remove a page image' });
    return;
  }
  var match = /^(article|highlight|theme|brief|template|markings|page):([A-Za-z0-9_-]{1,64})$/.exec(newDoc._id);
  if (!match) throw({ forbidden: 'the id must be kind:id' });
  if (newDoc.kind !== match[1]) throw({ forbidden: 'kind must match the id' });
  if (typeof newDoc.record !== 'object' || newDoc.record === null || newDoc.record.id !== match[2]) throw({ forbidden: 'record.id must match the id' });
  if (typeof newDoc.author !== 'string' || newDoc.author === '') throw({ forbidden: 'author is required' });
  if (typeof newDoc.changedAt !== 'string' || isNaN(Date.parse(newDoc.changedAt))) throw({ forbidden: 'changedAt must be a date' });
  if (!isWriter(newDoc.changedBy)) throw({ forbidden: 'changedBy must be the writer' });
  if (oldDoc && !oldDoc._deleted && oldDoc.author !== newDoc.author && !isServerAdmin) throw({ forbidden: 'author belongs to the creator' });
  // A new document is authored by its writer. One written over a deletion (an edit that won over
  // it) carries the revision it replaces, and keeps its creator as author.
  if (!oldDoc && !newDoc._rev && !isWriter(newDoc.author)) throw({ forbidden: 'a new document is authored by its writer' });
  if (newDoc.record.private === true) throw({ forbidden: 'private records stay on their machine' });
  // A page image is named by the SHA-256 of its bytes: it never changes once written.
  if (match[1] === 'page' && oldDoc && !oldDoc._deleted && !isServerAdmin) throw({ forbidden: 'a page image never changes' });
}`

export function designDoc(): object {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_DOC_UPDATE }
}
