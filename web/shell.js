// Shopkeeper page shell: defines the emscripten Module object, checks that this browser can run
// the app, drives the loading screen, shows failures in words, loads app.js and registers the
// service worker. No inline scripts (the page's Content-Security-Policy forbids them).
'use strict';

(function () {
  var canvas = document.getElementById('canvas');
  var loading = document.getElementById('loading');
  var progressBar = document.getElementById('progress');
  var statusLine = document.getElementById('status');
  var started = false;    // the first frame is on screen
  var failed = false;

  function setProgress(fraction) {
    progressBar.style.width = Math.max(2, Math.min(100, fraction * 100)).toFixed(1) + '%';
  }

  function setStatusText(en, zh) {
    statusLine.textContent = en + ' ';
    if (zh) {
      var span = document.createElement('span');
      span.className = 'zh';
      span.textContent = zh;
      statusLine.appendChild(span);
    }
  }

  function showFailure(text, hint) {
    if (failed) return;
    failed = true;
    document.getElementById('failure-text').textContent = text;
    document.getElementById('failure-hint').textContent = hint || '';
    document.getElementById('failure').hidden = false;
    loading.hidden = true;
  }
  document.getElementById('failure-reload').addEventListener('click', function () {
    location.reload();
  });

  function showNotice(text) {
    document.getElementById('notice-text').textContent = text;
    document.getElementById('notice').hidden = false;
  }
  document.getElementById('notice-close').addEventListener('click', function () {
    document.getElementById('notice').hidden = true;
  });

  // The canvas is the whole app: no browser context menu on it, no page scrolling by touch.
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  var contextError = '';
  canvas.addEventListener('webglcontextcreationerror', function (e) {
    contextError = e.statusMessage || '';
  });
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showNotice('The graphics context was lost (the GPU was reset or is busy). Your saved data is ' +
      'safe; reload the page to continue. 图形上下文丢失，请重新加载页面。');
  });

  function unsupported() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return ['This browser cannot run WebAssembly, which Shopkeeper is built with.',
              'Use a current version of Chrome, Edge, Firefox or Safari. 请使用新版浏览器。'];
    }
    // Only the API is checked here: creating a probe context costs a noticeable part of the
    // start-up on slow GPUs. If the real context cannot be created (blocklisted GPU, disabled
    // acceleration) the app reports it through Module.skFatal, with the browser's reason below.
    if (typeof WebGL2RenderingContext === 'undefined') {
      return ['This browser cannot draw the app: WebGL2 is unavailable.',
              'Use a current version of Chrome, Edge, Firefox or Safari with hardware acceleration ' +
              'turned on. 浏览器不支持 WebGL2：请使用新版浏览器并开启硬件加速。'];
    }
    if (!window.indexedDB) {
      showNotice('This browser window has no IndexedDB: your data cannot be saved here ' +
        '(private browsing may cause this). 无法使用浏览器存储，数据不会被保存。');
    }
    return null;
  }

  // --- the emscripten Module -------------------------------------------------------------------
  var depsMax = 0;
  var dataFraction = 0;

  function updateProgress(depsLeft) {
    // Downloading app.data is most of the wait; the run dependencies (wasm compile, storage
    // load, writer lock) are the rest.
    var depsFraction = depsMax ? 1 - depsLeft / depsMax : 0;
    setProgress(0.05 + 0.65 * dataFraction + 0.3 * depsFraction);
  }

  var lastDepsLeft = 0;
  window.Module = {
    canvas: canvas,
    preRun: [],
    postRun: [function () {
      window.Module.skTimings = window.Module.skTimings || {};
      window.Module.skTimings.mainReturned = performance.now();
      waitForFirstFrame();
    }],
    setStatus: function (text) {
      if (!text || started) return;
      var m = /\((\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)\)/.exec(text);
      if (m && Number(m[2]) > 0) {
        dataFraction = Number(m[1]) / Number(m[2]);
        setStatusText('Downloading… ' + Math.round(dataFraction * 100) + '%',
                      '正在下载… ' + Math.round(dataFraction * 100) + '%');
        updateProgress(lastDepsLeft);
      } else if (/^Running/.test(text)) {
        setStatusText('Starting…', '正在启动…');
      } else {
        setStatusText(text);
      }
    },
    monitorRunDependencies: function (left) {
      lastDepsLeft = left;
      depsMax = Math.max(depsMax, left);
      if (started) return;
      if (left) setStatusText('Preparing your shop…', '正在准备店铺数据…');
      updateProgress(left);
    },
    // The C++ side reports a start-up failure it cannot recover from (e.g. no GL context).
    skFatal: function (message) {
      if (contextError) message += ' (' + contextError + ')';
      showFailure('The app could not start: ' + message,
        'If this mentions graphics or WebGL, turn on hardware acceleration or try another browser. ' +
        '应用无法启动。');
    },
    // Called by the C++ side right after its first frame.
    skOnFirstFrame: function () { appStarted(); },
    onAbort: function (what) {
      var text = String(what || 'unknown error');
      if (/wasm|WebAssembly|fetch/i.test(text) && !started) {
        showFailure('The app failed to load: its code (app.wasm) could not be downloaded or ' +
          'compiled. Details: ' + text,
          'Check the connection and reload. If you are offline, the app must have been opened ' +
          'once while online. 应用加载失败，请检查网络后重新加载。');
      } else {
        showFailure('The app stopped because of an internal error: ' + text,
          'Changes that were saved before the error are kept. Reload to continue. ' +
          '应用出错停止，请重新加载。');
      }
    },
  };

  function waitForFirstFrame() {
    var mainStartedAt = performance.now();
    (function poll() {
      if (failed) return;
      var drawn = typeof window.Module.skFirstFrameAt === 'number';
      // A host that never reports its first frame still gets the loading screen removed.
      if (drawn || performance.now() - mainStartedAt > 3000) {
        appStarted();
        return;
      }
      requestAnimationFrame(poll);
    })();
  }

  function appStarted() {
    if (started) return;
    started = true;
    setProgress(1);
    loading.classList.add('done');
    setTimeout(function () { loading.hidden = true; }, 250);
    canvas.focus();
    var storageError = window.Module.skStorageError;
    if (storageError) showNotice(storageError + ' 浏览器存储不可用，数据不会被保存。');
    else if (window.Module.skNoWriterLock) {
      showNotice('This browser cannot tell whether Shopkeeper is open in another tab (it has no Web ' +
        'Locks): keep the shop open in one tab only, or changes made in two tabs overwrite each other. ' +
        '此浏览器无法判断其他标签页是否也打开了店铺：请只在一个标签页中使用，否则两个标签页的修改会互相覆盖。');
    }
    registerServiceWorker();
  }

  // Registered once the app runs, so the precache download does not compete with the first load,
  // and a build that cannot start is never cached for offline use.
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
    navigator.serviceWorker.register('sw.js').then(function (registration) {
      // Chromium does not always check for a new worker on navigation; ask once per start so a
      // new build is found while online (offline the check just fails quietly).
      if (registration.active) registration.update().catch(function () {});
    }, function (e) {
      console.warn('Shopkeeper: offline support unavailable:', e);
    });
  }

  window.addEventListener('error', function (e) {
    // Only uncaught script errors during start-up; failed resource loads (images, app.js) are
    // plain Events and are handled where they happen.
    if (started || failed || !(e instanceof ErrorEvent)) return;
    showFailure('The app failed to start: ' + (e.message || 'script error'),
      'Reload the page. If this keeps happening, try another browser. 启动失败，请重新加载。');
  });

  // A new build's worker takes over at once (skipWaiting) while this page still runs the old
  // files: say so. The first control of a fresh install is not an update.
  if ('serviceWorker' in navigator) {
    var hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (!hadController) { hadController = true; return; }
      window.Module.skUpdateReady = true;
      showNotice('A new version of Shopkeeper is ready: reload the page to use it (your data stays). ' +
        '新版本已就绪，重新加载页面即可使用。');
    });
  }

  window.addEventListener('shopkeeper:writer-gone', function () {
    showNotice('The Shopkeeper tab that was editing your shop has closed or reloaded. Reload ' +
      'this tab to edit here (if another tab has taken over, this one stays read-only). ' +
      '正在编辑的标签页已关闭或刷新；重新加载本页即可在此编辑。');
  });

  var problem = unsupported();
  if (problem) {
    showFailure(problem[0], problem[1]);
    return;
  }

  setStatusText('Loading…', '正在加载…');
  setProgress(0.03);
  var script = document.createElement('script');
  script.src = 'app.js';
  script.async = true;
  script.onerror = function () {
    showFailure('The app failed to load: app.js could not be downloaded.',
      'Check the connection and reload. 无法下载应用文件，请检查网络后重新加载。');
  };
  document.body.appendChild(script);
})();
