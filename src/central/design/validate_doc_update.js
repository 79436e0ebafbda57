function (newDoc, oldDoc, userCtx, secObj) {
  // Runs inside CouchDB's SpiderMonkey sandbox and pouchdb-server's evaluator: plain ES5, no
  // helpers outside this function, no log() (pouchdb-server prints it on stdout).
  // The event log is append-only (DESIGN.md §1): this is the central store's half of that promise.
  var EVENT_TYPES = /*EVENT_TYPES*/[];
  // JSON Schemas of each type's data, generated from the app's own zod schemas at set-up.
  var DATA_SCHEMAS = /*DATA_SCHEMAS*/{};
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
  // A small JSON Schema subset (what the generated schemas use). Returns the first problem or null.
  function check(schema, value, path) {
    var i, k, problem, t;
    if (!schema || typeof schema !== 'object') return null;
    if (schema.oneOf || schema.anyOf) {
      var options = schema.oneOf || schema.anyOf;
      for (i = 0; i < options.length; i++) if (check(options[i], value, path) === null) return null;
      return path + ' matches none of its allowed forms';
    }
    t = value === null ? 'null' : Object.prototype.toString.call(value) === '[object Array]' ? 'array' : typeof value;
    if (schema.type) {
      var types = typeof schema.type === 'string' ? [schema.type] : schema.type;
      var fits = false;
      for (i = 0; i < types.length; i++) {
        if (types[i] === t || (types[i] === 'integer' && t === 'number' && Math.floor(value) === value)) fits = true;
      }
      if (!fits) return path + ' must be ' + types.join(' or ');
    }
    if (schema.hasOwnProperty('const') && value !== schema['const']) return path + ' must be ' + JSON.stringify(schema['const']);
    if (schema['enum'] && !has(schema['enum'], value)) return path + ' must be one of ' + schema['enum'].join(', ');
    if (t === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) return path + ' is too short';
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return path + ' is too long';
      if (schema.pattern) {
        var re = null;
        try { re = new RegExp(schema.pattern, 'u'); } catch (e1) { try { re = new RegExp(schema.pattern); } catch (e2) { re = null; } }
        if (re && !re.test(value)) return path + ' has the wrong format';
      }
    }
    if (t === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) return path + ' is too small';
      if (schema.maximum !== undefined && value > schema.maximum) return path + ' is too large';
    }
    if (t === 'array') {
      if (schema.minItems !== undefined && value.length < schema.minItems) return path + ' has too few items';
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return path + ' has too many items';
      for (i = 0; i < value.length; i++) { problem = check(schema.items, value[i], path + '[' + i + ']'); if (problem) return problem; }
    }
    if (t === 'object') {
      var props = schema.properties || {};
      var required = schema.required || [];
      for (i = 0; i < required.length; i++) if (!value.hasOwnProperty(required[i])) return path + '.' + required[i] + ' is missing';
      for (k in value) {
        if (!value.hasOwnProperty(k)) continue;
        if (props.hasOwnProperty(k)) { problem = check(props[k], value[k], path + '.' + k); if (problem) return problem; }
        else if (schema.additionalProperties === false) return path + '.' + k + ' is not allowed';
      }
    }
    return null;
  }
  function refuse(reason) {
    throw({ forbidden: id + ': ' + reason });
  }

  if (!isEvent) {
    // Replication checkpoints are _local documents, which CouchDB never validates.
    // A device may keep one status document of its own: device:<CODE>.
    var status = /^device:([A-Z0-9]{2,3})$/.exec(id);
    if (status && !isAdmin) {
      if (!has(roles, 'device:' + status[1])) refuse('this account may not write the status of device ' + status[1]);
      if (newDoc._deleted) refuse('device status documents are not deleted');
      if (newDoc.type !== 'device-status' || newDoc.device !== status[1]) refuse('a device status document needs type device-status and its device code');
      return;
    }
    // A device registers its public key once; replacing it is for a server admin: the CLI, or the
    // gateway (as admin) when a replacement tablet presents a statement signed with the backup key.
    var key = /^devicekey:([A-Z0-9]{2,3})$/.exec(id);
    if (key && !isAdmin) {
      if (!has(roles, 'device:' + key[1])) refuse('this account may not register the key of device ' + key[1]);
      if (oldDoc || newDoc._deleted) refuse('a device key is registered once; an administrator replaces it');
      if (newDoc.type !== 'device-key' || newDoc.device !== key[1]) refuse('a device key document needs type device-key and its device code');
      return;
    }
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
  var dataProblem = check(DATA_SCHEMAS[newDoc.type], newDoc.data, 'data');
  if (dataProblem) refuse(newDoc.type + ': ' + dataProblem);
  // A published catalogue or analyte version is named after its device (as parseEvent checks).
  if ((newDoc.type === 'catalogue.updated' || newDoc.type === 'analytes.updated') && String(newDoc.data.version).indexOf(device + '-') !== 0) {
    refuse(newDoc.type + ': a device publishes versions under its own code');
  }

  // Reconciling with the HIS is for the administrator's device (reader), as the gateway checks too.
  var RECONCILE_TYPES = /*RECONCILE_TYPES*/[];
  if (!isAdmin && has(RECONCILE_TYPES, newDoc.type) && !has(roles, 'reader')) refuse(newDoc.type + ' is made on the administrator\'s device (reader) only');

  // A device account may only add to its own chain; the role is given at enrollment.
  if (!isAdmin && !has(roles, 'device:' + device)) refuse('this account may not write events of device ' + device);
}
