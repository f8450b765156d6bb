// Minimal pre.js (replaced by the web branch): mount IDBFS at /data and load it before main.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  addRunDependency('sk-idbfs');
  FS.syncfs(true, function (err) {
    if (err) Module.skStorageError = 'IndexedDB unavailable: ' + err;
    removeRunDependency('sk-idbfs');
  });
});
Module.skPersist = function () {
  FS.syncfs(false, function (err) {
    var msg = err ? String(err) : '';
    var n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
    stringToUTF8(msg, p, n);
    Module._sk_on_persist_result(err ? 0 : 1, p);
    _free(p);
  });
};
