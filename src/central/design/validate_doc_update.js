function (newDoc, oldDoc, userCtx, secObj) {
  // Runs inside CouchDB's SpiderMonkey sandbox and pouchdb-server's evaluator: plain ES5, no
  // helpers outside this function, no log() (pouchdb-server prints it on stdout).
  // The event log is append-only (DESIGN.md §1): this is the central store's half of that promise.
  var EVENT_TYPES = /*EVENT_TYPES*/[];
  var FIELDS = ['_id', '_rev', '_revisions', 'type', 'device', 'seq', 'at', 'by', 'prev', 'hash', 'data'];
  var HEX64 = /^[0-9a-f]{64}$/;
  var ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
  var roles = (userCtx && userCtx.roles) || [];
  var id = newDoc._id;
  var isAdmin = roles.indexOf('_admin') !== -1;
  var isEvent = id.indexOf('ev:') === 0;

  function has(list, value) {
    return list.indexOf(value) !== -1;
  }
  function refuse(reason) {
    throw({ forbidden: id + ': ' + reason });
  }

  if (!isEvent) {
    // Replication checkpoints are _local documents, which CouchDB never validates.
    if (!isAdmin) refuse('only administrators may write documents that are not events');
    return;
  }

  // Even an administrator may not rewrite history: corrections are new events.
  if (newDoc._deleted) refuse('events are never deleted');
  if (oldDoc) refuse('events are never changed once written');

  var match = /^ev:([A-Z0-9]{2,3}):(\d{10})$/.exec(id);
  if (!match) refuse('event ids look like ev:<device code>:<10 digits>');
  var device = match[1];

  for (var key in newDoc) {
    if (Object.prototype.hasOwnProperty.call(newDoc, key) && !has(FIELDS, key)) refuse('unexpected field ' + key);
  }
  if (!has(EVENT_TYPES, newDoc.type)) refuse('unknown event type ' + newDoc.type);
  if (newDoc.device !== device) refuse('device must be ' + device + ', as in the id');
  if (typeof newDoc.seq !== 'number' || newDoc.seq !== parseInt(match[2], 10) || newDoc.seq < 1) {
    refuse('seq must be the number in the id, from 1');
  }
  if (typeof newDoc.at !== 'string' || !ISO_UTC.test(newDoc.at) || isNaN(Date.parse(newDoc.at))) {
    refuse('at must be an ISO date-time in UTC');
  }
  if (typeof newDoc.by !== 'string' || newDoc.by.length === 0) refuse('by must name the person');
  if (typeof newDoc.prev !== 'string' || !HEX64.test(newDoc.prev)) refuse('prev must be 64 lower-case hex digits');
  if (typeof newDoc.hash !== 'string' || !HEX64.test(newDoc.hash)) refuse('hash must be 64 lower-case hex digits');
  if (typeof newDoc.data !== 'object' || newDoc.data === null || Object.prototype.toString.call(newDoc.data) === '[object Array]') {
    refuse('data must be an object');
  }

  // A device account may only add to its own chain; the role is given at enrollment.
  if (!isAdmin && !has(roles, 'device:' + device)) refuse('this account may not write events of device ' + device);
}
