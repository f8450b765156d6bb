// Browser side of the web platform, linked with emcc --pre-js: runs inside the Module scope
// before main (FS, IDBFS, addRunDependency, ccall, UTF8ToString... are in scope).
//
// What it provides (the contract with wasm/*.cpp):
//   before main   /data is IDBFS, loaded from IndexedDB (run dependency 'sk-idbfs');
//                 the Web Lock 'shopkeeper-writer' decides Module.skReadonly (dependency 'sk-lock');
//                 Module.skNoWriterLock is true where the browser has no Web Locks;
//                 Module.skStorageError (string) says in words why storage could not be loaded;
//                 Module.skPersisted = result of navigator.storage.persist() (best effort).
//   Module.skPersist()                 coalesced FS.syncfs(false); reports every completion to
//                                      _sk_on_persist_result(ok, message).
//   Module.skHoldPersist(bool)         while held, skPersist() waits (a transaction is open).
//   Module.skPersistIdle()             true when no FS.syncfs is in flight.
//   Module.skOpenFile(accept)          file picker -> /tmp/upload/<name> -> _sk_on_file_opened.
//   Module.skDownload(path, name, mime) offers an FS file as a download.
//   window.shopkeeper                  test API (state, navigate, openDemo([lines]), setRange, frameTimes,
//                                      setLanguage, confirmImport, ready).
// Module properties use bracket names so they survive any minifier.

(function () {
  'use strict';

  var DATA_DIR = '/data';
  var UPLOAD_DIR = '/tmp/upload';

  Module['skReadonly'] = false;
  Module['skStorageError'] = '';
  Module['skPersisted'] = false;
  Module['skStoreLoaded'] = false;
  // Start-up milestones (performance.now() ms) for the benchmark.
  var timings = Module['skTimings'] = Module['skTimings'] || {};
  function mark(name) {
    if (typeof performance !== 'undefined') timings[name] = performance.now();
  }

  function errorText(err) {
    if (!err) return 'unknown error';
    if (typeof err === 'string') return err;
    var name = err.name || '';
    var message = err.message || String(err);
    if (typeof err === 'number') return 'file system error ' + err;
    if (err.errno !== undefined && !err.message) return 'file system error ' + err.errno;
    return name && message.indexOf(name) < 0 ? name + ': ' + message : message;
  }

  function isQuotaError(err) {
    if (!err) return false;
    var text = (err.name || '') + ' ' + (err.message || '') + ' ' + String(err);
    return /quota/i.test(text);
  }

  // --- IndexedDB fixes for emscripten 3.1.6's IDBFS ----------------------------------------
  // Its handlers read `this.error` inside arrow functions (always undefined), call
  // preventDefault on every request error (so the transaction commits anyway and success is
  // reported) and have no abort handler (a quota failure at commit never calls back). These two
  // replacements keep its algorithm and data layout but report real errors. Applied in preRun:
  // the library objects are defined after this pre-js code.
  function fixIdbfs() {
    IDBFS.getDB = (function (original) {
      return function (name, callback) {
        original(name, function (err, db) {
          if (!err && !db) err = new Error('IndexedDB could not be opened');
          callback(err, db);
        });
      };
    })(IDBFS.getDB);

    IDBFS.reconcile = function (src, dst, callback) {
      var create = Object.keys(src.entries).filter(function (key) {
        var e = src.entries[key], e2 = dst.entries[key];
        return !e2 || e['timestamp'].getTime() != e2['timestamp'].getTime();
      });
      var remove = Object.keys(dst.entries).filter(function (key) { return !src.entries[key]; });
      if (!create.length && !remove.length) return callback(null);

      var finished = false;
      function finish(err) {
        if (finished) return;
        finished = true;
        callback(err || null);
      }
      var failure = null;
      function done(err) {
        if (err && !failure) failure = err;
      }
      var db = src.type === 'remote' ? src.db : dst.db;
      var transaction;
      try {
        transaction = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
      } catch (e) {
        return finish(e);
      }
      var store = transaction.objectStore(IDBFS.DB_STORE_NAME);
      transaction.onerror = function (e) {
        done((e.target && e.target.error) || transaction.error || new Error('IndexedDB write failed'));
      };
      transaction.onabort = function () {
        finish(transaction.error || failure || new Error('IndexedDB transaction was aborted'));
      };
      transaction.oncomplete = function () {
        finish(failure);
      };
      // Directories before the files inside them; deletions files first.
      create.sort().forEach(function (path) {
        if (dst.type === 'local') {
          IDBFS.loadRemoteEntry(store, path, function (err, entry) {
            if (err) return done(err);
            IDBFS.storeLocalEntry(path, entry, done);
          });
        } else {
          IDBFS.loadLocalEntry(path, function (err, entry) {
            if (err) return done(err);
            IDBFS.storeRemoteEntry(store, path, entry, done);
          });
        }
      });
      remove.sort().reverse().forEach(function (path) {
        if (dst.type === 'local') IDBFS.removeLocalEntry(path, done);
        else IDBFS.removeRemoteEntry(store, path, done);
      });
    };
  }

  // --- before main: storage, writer lock, persistence permission ----------------------------
  function loadStore() {
    try {
      FS.mkdir(DATA_DIR);
      FS.mount(IDBFS, {}, DATA_DIR);
    } catch (e) {
      Module['skStorageError'] = 'The data folder could not be prepared: ' + errorText(e);
      return;
    }
    addRunDependency('sk-idbfs');
    FS.syncfs(true, function (err) {
      mark('storeLoaded');
      if (err) {
        Module['skStorageError'] = 'IndexedDB is blocked or unavailable: ' + errorText(err) +
          '. Your data cannot be loaded or saved in this browser window (private mode or ' +
          'disabled site data can cause this).';
      } else {
        Module['skStoreLoaded'] = true;
      }
      removeRunDependency('sk-idbfs');
    });
  }

  function takeWriterLock() {
    if (typeof navigator === 'undefined' || !navigator.locks || !navigator.locks.request) {
      // No Web Locks: this tab cannot know whether another one is editing. It edits (a tab that
      // could never edit would be worse) and the shell says in words to keep to one tab.
      Module['skReadonly'] = false;
      Module['skNoWriterLock'] = true;
      return;
    }
    addRunDependency('sk-lock');
    var settled = false;
    function settle(readonly) {
      if (settled) return;
      settled = true;
      mark('lockDecided');
      Module['skReadonly'] = readonly;
      removeRunDependency('sk-lock');
    }
    try {
      navigator.locks.request('shopkeeper-writer', { ifAvailable: true }, function (lock) {
        if (!lock) {
          settle(true);
          waitForWriterToLeave();
          return undefined;
        }
        settle(false);
        // Held for the life of the page: another tab opening now becomes read-only.
        return new Promise(function () {});
      }).catch(function (e) {
        // A failed lock request (e.g. an opaque origin) must not block the app: assume the only tab.
        console.warn('Shopkeeper: Web Locks unavailable:', e);
        settle(false);
      });
    } catch (e) {
      console.warn('Shopkeeper: Web Locks unavailable:', e);
      settle(false);
    }
  }

  // A read-only tab learns when the writing tab has gone (closed, or navigated away) and the page
  // shell offers a reload. It only looks (locks.query) and never takes the lock itself, so it
  // cannot steal the writer role from a tab that is reloading.
  function waitForWriterToLeave() {
    if (!navigator.locks.query) return;
    var timer = setInterval(function () {
      navigator.locks.query().then(function (snapshot) {
        var held = (snapshot.held || []).some(function (l) { return l.name === 'shopkeeper-writer'; });
        if (held) return;
        clearInterval(timer);
        Module['skWriterGone'] = true;
        if (typeof window !== 'undefined' && typeof CustomEvent === 'function') {
          window.dispatchEvent(new CustomEvent('shopkeeper:writer-gone'));
        }
      }, function () { clearInterval(timer); });
    }, 2000);
  }

  function askPersistentStorage() {
    if (typeof navigator === 'undefined' || !navigator.storage || !navigator.storage.persist) return;
    navigator.storage.persist().then(function (granted) {
      Module['skPersisted'] = !!granted;
    }, function () {
      Module['skPersisted'] = false;
    });
  }

  if (!Module['preRun']) Module['preRun'] = [];
  else if (typeof Module['preRun'] === 'function') Module['preRun'] = [Module['preRun']];
  Module['preRun'].push(function () {
    mark('preRun');
    fixIdbfs();
    takeWriterLock();
    loadStore();
    askPersistentStorage();
  });

  // --- passing strings to C ------------------------------------------------------------------
  function withCString(text, fn) {
    var size = lengthBytesUTF8(text) + 1;
    var ptr = Module['_malloc'](size);
    try {
      stringToUTF8(text, ptr, size);
      return fn(ptr);
    } finally {
      Module['_free'](ptr);
    }
  }

  // --- persistence: coalesced FS.syncfs(false) -----------------------------------------------
  var persistInFlight = false;
  var persistQueued = false;
  var persistToken = 0;
  var PERSIST_WATCHDOG_MS = 60000;

  function reportPersist(ok, message) {
    var fn = Module['_sk_on_persist_result'];
    if (typeof fn !== 'function') return;
    withCString(message, function (ptr) { fn(ok ? 1 : 0, ptr); });
  }

  function persistMessage(err) {
    if (isQuotaError(err)) {
      return 'Storage is full (browser quota exceeded): download a backup from Settings and free ' +
        'space, or your latest changes will be lost when this tab closes';
    }
    return 'Saving to browser storage failed: ' + errorText(err);
  }

  function startPersist() {
    persistInFlight = true;
    var token = ++persistToken;
    var watchdog = setTimeout(function () {
      if (token !== persistToken || !persistInFlight) return;
      // The browser never answered: say so and let later saves try again.
      finishPersist(token, new Error('browser storage did not answer within ' +
        (PERSIST_WATCHDOG_MS / 1000) + ' s'));
    }, PERSIST_WATCHDOG_MS);
    try {
      FS.syncfs(false, function (err) {
        clearTimeout(watchdog);
        finishPersist(token, err);
      });
    } catch (e) {
      clearTimeout(watchdog);
      finishPersist(token, e);
    }
  }

  function finishPersist(token, err) {
    if (token !== persistToken) return;  // a late answer after the watchdog already reported
    persistToken++;
    persistInFlight = false;
    try {
      reportPersist(!err, err ? persistMessage(err) : 'saved');
    } catch (e) {
      console.error('Shopkeeper: reporting the save result failed:', e);
    }
    if (err) console.error('Shopkeeper: saving failed:', err);
    if (persistQueued) {
      persistQueued = false;
      startPersist();
    }
  }

  // While the app holds a transaction open across frames (a large import being written), a
  // save would copy the files half-way through it: saves asked for meanwhile (including the
  // on-hide ones below) wait and run when the hold ends. Closing the tab during the hold
  // leaves the stored data as it was before the import.
  var persistHeld = false;
  var persistDeferred = false;
  Module['skHoldPersist'] = function (hold) {
    persistHeld = !!hold;
    if (!persistHeld && persistDeferred) {
      persistDeferred = false;
      Module['skPersist']();
    }
  };
  Module['skPersistIdle'] = function () { return !persistInFlight; };

  Module['skPersist'] = function () {
    if (Module['skReadonly']) return;
    if (!runtimeInitialized) return;
    if (persistHeld) {
      persistDeferred = true;
      return;
    }
    if (!Module['skStoreLoaded']) {
      // Writing now would replace the stored data (which we could not read) with this session's.
      reportPersist(false, Module['skStorageError'] || 'Browser storage is not available');
      return;
    }
    if (persistInFlight) {
      persistQueued = true;
      return;
    }
    startPersist();
  };

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') Module['skPersist']();
    });
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', function () { Module['skPersist'](); });
  }

  // --- files in: picker and drag-and-drop ------------------------------------------------------
  function sanitizeName(name) {
    var base = String(name || 'upload').split(/[\\/]/).pop();
    base = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '_').trim();
    if (!base) base = 'upload';
    // Keep the extension, limit the length in bytes to what file systems accept.
    while (lengthBytesUTF8(base) > 200) {
      var dot = base.lastIndexOf('.');
      var ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
      var stem = ext ? base.slice(0, dot) : base;
      base = stem.slice(0, stem.length - 1) + ext;
    }
    return base;
  }

  // A gzip-compressed file (orders.csv.gz) is unpacked here with the browser's own
  // DecompressionStream: the wasm core has no zlib (emscripten's is a port, unavailable offline).
  function unpackIfGzip(buffer, name) {
    var b = new Uint8Array(buffer);
    if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b || typeof DecompressionStream !== 'function') {
      return Promise.resolve({ buffer: buffer, name: name });
    }
    var stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (out) {
      return { buffer: out, name: name.replace(/\.gz$/i, '') || name };
    }, function () {
      return { buffer: buffer, name: name };  // damaged: the core says so
    });
  }

  function deliverFile(file) {
    return file.arrayBuffer().then(function (raw) {
      return unpackIfGzip(raw, file.name || 'upload');
    }).then(function (got) {
      var buffer = got.buffer;
      file = { name: got.name };
      try { FS.mkdirTree(UPLOAD_DIR); } catch (e) { /* already there */ }
      var name = sanitizeName(file.name);
      var path = UPLOAD_DIR + '/' + name;
      FS.writeFile(path, new Uint8Array(buffer));
      var fn = Module['_sk_on_file_opened'];
      if (typeof fn !== 'function') throw new Error('the app cannot receive files yet');
      withCString(path, function (pathPtr) {
        withCString(file.name || name, function (namePtr) { fn(pathPtr, namePtr); });
      });
    }).catch(function (e) {
      console.error('Shopkeeper: could not open ' + file.name + ':', e);
    });
  }

  function deliverFiles(files) {
    // One after the other so the app sees them in the order chosen.
    var chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function () { return deliverFile(file); });
    });
    return chain;
  }

  var fileInput = null;
  Module['skOpenFile'] = function (accept) {
    if (typeof document === 'undefined') return;
    if (!fileInput) {
      fileInput = document.createElement('input');
      fileInput.type = 'file';
      fileInput.style.display = 'none';
      fileInput.addEventListener('change', function () {
        var files = Array.prototype.slice.call(fileInput.files || []);
        fileInput.value = '';  // choosing the same file again must fire 'change' again
        if (files.length) deliverFiles(files);
      });
      document.body.appendChild(fileInput);
    }
    fileInput.accept = accept || '';
    fileInput.click();
  };

  if (typeof document !== 'undefined') {
    document.addEventListener('dragover', function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    });
    document.addEventListener('drop', function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files || !e.dataTransfer.files.length) return;
      e.preventDefault();
      if (!runtimeInitialized) return;
      deliverFiles(e.dataTransfer.files);
    });
  }

  // --- files out: downloads ----------------------------------------------------------------------
  Module['skDownload'] = function (path, filename, mime) {
    var bytes;
    try {
      bytes = FS.readFile(path);
    } catch (e) {
      console.error('Shopkeeper: cannot read ' + path + ' for download:', e);
      return false;
    }
    var blob = new Blob([bytes], { type: mime || 'application/octet-stream' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = filename || path.split('/').pop();
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    // The download has started by the time this runs; keep the URL a while for slow browsers.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return true;
  };

  // --- text input: input methods and the clipboard --------------------------------------------
  // ImGui draws its text fields into the canvas, which cannot host an input method. While a
  // field has focus (Module.skTextInput, called by the host after every frame) a hidden
  // textarea sits at its caret and holds the keyboard focus: the system IME composes into it
  // (its candidate window opens at the caret), and what it commits goes to the app as text
  // (_sk_ime_commit) with the composition shown meanwhile (_sk_ime_preedit). Ordinary typing
  // still reaches SDL's key handlers (they listen on window; the textarea's events bubble there),
  // and SDL's keypress handler keeps those characters out of the textarea.
  var textArea = null;
  var composing = false;
  var pasteToken = 0, pasteDelivered = 0;

  function callWithText(name, text) {
    var fn = Module['_' + name];
    if (typeof fn !== 'function' || !runtimeInitialized) return;
    withCString(text, function (ptr) { fn(ptr); });
  }

  function deliverPaste(token, text) {
    if (token === pasteDelivered || typeof text !== 'string' || !text.length) return;
    pasteDelivered = token;
    callWithText('sk_paste', text);
  }

  function makeTextArea() {
    var ta = document.createElement('textarea');
    ta.id = 'sk-text-input';
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('autocorrect', 'off');
    ta.setAttribute('autocapitalize', 'off');
    ta.setAttribute('spellcheck', 'false');
    ta.setAttribute('aria-label', 'Text input');
    ta.setAttribute('tabindex', '-1');
    var st = ta.style;
    st.position = 'fixed';
    st.left = '0px';
    st.top = '0px';
    st.width = '2px';
    st.height = '16px';
    st.padding = '0';
    st.border = '0';
    st.margin = '0';
    st.outline = 'none';
    st.resize = 'none';
    st.overflow = 'hidden';
    st.opacity = '0';
    st.color = 'transparent';
    st.background = 'transparent';
    st.caretColor = 'transparent';
    st.pointerEvents = 'none';
    st.zIndex = '1';
    st.whiteSpace = 'pre';
    ta.addEventListener('compositionstart', function () {
      composing = true;
      callWithText('sk_ime_preedit', '');
    });
    ta.addEventListener('compositionupdate', function (e) {
      callWithText('sk_ime_preedit', e.data || '');
    });
    ta.addEventListener('compositionend', function (e) {
      composing = false;
      var text = e.data || ta.value;
      ta.value = '';
      callWithText('sk_ime_preedit', '');
      if (text) callWithText('sk_ime_commit', text);
    });
    // Text inserted without a composition (an IME that commits at once, dictation, the
    // DevTools Input.insertText command): whatever is in the textarea goes to the app.
    ta.addEventListener('input', function (e) {
      if (composing || e.isComposing) return;
      var text = ta.value;
      ta.value = '';
      if (text) callWithText('sk_ime_commit', text);
    });
    ta.addEventListener('keydown', function (e) {
      // Keys that drive a composition belong to the IME, not to the app.
      if (composing || e.isComposing || e.keyCode === 229) {
        e.stopPropagation();
        return;
      }
      var key = (e.key || '').toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && key === 'v') {
        // SDL would cancel the browser's paste; let it happen and read the text from the
        // paste event, or from the async Clipboard API, whichever answers first.
        e.stopPropagation();
        var token = ++pasteToken;
        if (navigator.clipboard && navigator.clipboard.readText) {
          navigator.clipboard.readText().then(function (text) { deliverPaste(token, text); }, function () {});
        }
      }
    });
    ta.addEventListener('keyup', function (e) {
      if (composing || e.isComposing || e.keyCode === 229) e.stopPropagation();
    });
    ta.addEventListener('paste', function (e) {
      e.preventDefault();
      var data = e.clipboardData && e.clipboardData.getData('text/plain');
      deliverPaste(pasteToken, data || '');
    });
    // ImGui's own copy/cut put the text on the system clipboard (Module.skClipboardWrite); the
    // browser's copy/cut events on the textarea must not overwrite it with the textarea's
    // (empty) selection.
    ta.addEventListener('copy', function (e) { if (!ta.value) e.preventDefault(); });
    ta.addEventListener('cut', function (e) { if (!ta.value) e.preventDefault(); });
    document.body.appendChild(ta);
    return ta;
  }

  Module['skTextInput'] = function (active, x, y, h) {
    if (typeof document === 'undefined') return;
    if (!textArea) textArea = makeTextArea();
    if (active) {
      var canvas = Module['canvas'];
      var box = canvas && canvas.getBoundingClientRect ? canvas.getBoundingClientRect() : { left: 0, top: 0 };
      textArea.style.left = Math.round(box.left + x) + 'px';
      textArea.style.top = Math.round(box.top + y) + 'px';
      textArea.style.height = Math.max(8, Math.round(h)) + 'px';
      textArea.style.fontSize = Math.max(8, Math.round(h)) + 'px';
      if (document.activeElement !== textArea) textArea.focus({ preventScroll: true });
    } else if (document.activeElement === textArea) {
      composing = false;
      textArea.value = '';
      textArea.blur();
    }
  };

  // Copy/cut from ImGui: the async Clipboard API, with execCommand('copy') on a selected
  // textarea as the fallback where it is refused.
  Module['skClipboardWrite'] = function (text) {
    function fallback() {
      if (!textArea) return;
      var had = document.activeElement === textArea;
      textArea.value = text;
      textArea.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
      textArea.value = '';
      if (!had) textArea.blur();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(fallback);
    } else {
      fallback();
    }
  };

  // --- test API ------------------------------------------------------------------------------------
  if (typeof window !== 'undefined') {
    var requireRuntime = function () {
      if (!runtimeInitialized) throw new Error('Shopkeeper is not running yet');
    };
    window.shopkeeper = {
      get ready() {
        return runtimeInitialized && typeof Module['skFirstFrameAt'] === 'number';
      },
      state: function () {
        requireRuntime();
        return JSON.parse(UTF8ToString(Module['_sk_test_state']()));
      },
      navigate: function (section) {
        requireRuntime();
        ccall('sk_test_navigate', null, ['string'], [section]);
      },
      openDemo: function (orderLines) {
        requireRuntime();
        if (orderLines) ccall('sk_test_open_demo_lines', null, ['number'], [orderLines]);
        else ccall('sk_test_open_demo', null, [], []);
      },
      setRange: function (preset) {
        requireRuntime();
        ccall('sk_test_set_range', null, ['string'], [preset]);
      },
      frameTimes: function () {
        requireRuntime();
        return JSON.parse(UTF8ToString(Module['_sk_test_frame_times']()));
      },
      setLanguage: function (code) {
        requireRuntime();
        ccall('sk_test_set_language', null, ['string'], [code]);
      },
      // Confirms the import plan shown in the Data section (the Import button); false if none.
      confirmImport: function () {
        requireRuntime();
        return ccall('sk_test_confirm_import', 'number', [], []) !== 0;
      },
      persist: function () { Module['skPersist'](); },
      get storageError() { return Module['skStorageError']; },
      get persisted() { return Module['skPersisted']; },
    };
  }
})();
