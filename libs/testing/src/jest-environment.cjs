/**
 * Jest's Node environment, plus releasing the performance monitors a test file started.
 *
 * Every service a test starts builds MessagingMetrics, whose prom-client default metrics start a
 * `perf_hooks.monitorEventLoopDelay` histogram and a `PerformanceObserver` for garbage collections and
 * never stop them (prom-client keeps both in closures; in production there is one of each per process,
 * for the life of the process). Node holds both from its own registries, and they reach the test
 * file's sandbox (the observer's callback) and Jest runtime (the async context the histogram was opened
 * in): every file's modules stayed in the heap (about 35 MB a file, Node's default 4 GB heap by half of
 * the suite). Core modules are shared by all test files (Jest hands the sandbox the process's own), so
 * the environment records what is started while its file runs and releases it once the file's last
 * hook has run.
 */
const perfHooks = require('node:perf_hooks');
const { TestEnvironment } = require('jest-environment-node');

const monitorEventLoopDelay = perfHooks.monitorEventLoopDelay;
const observe = perfHooks.PerformanceObserver.prototype.observe;

/** `disable()` alone leaves the histogram's handle, and its async context, held by Node. */
function closeHistogram(histogram) {
  histogram.disable();
  const handleKey = Object.getOwnPropertySymbols(histogram).find((symbol) => symbol.description === 'kHandle');
  // Node's internals: where they differ (another Node version), the histogram is only disabled.
  if (handleKey === undefined || typeof histogram[handleKey]?.close !== 'function') return;
  histogram[handleKey].close();
  // Node keeps the histogram object itself registered for transfer between threads for good; without
  // its handle it no longer reaches the handle's async context.
  delete histogram[handleKey];
}

module.exports = class CauTestEnvironment extends TestEnvironment {
  histograms = [];
  observers = new Set();

  async setup() {
    await super.setup();
    const { histograms, observers } = this;
    perfHooks.monitorEventLoopDelay = (options) => {
      const histogram = monitorEventLoopDelay(options);
      histograms.push(histogram);
      return histogram;
    };
    perfHooks.PerformanceObserver.prototype.observe = function observeAndRecord(options) {
      observers.add(this);
      return observe.call(this, options);
    };
  }

  async teardown() {
    perfHooks.monitorEventLoopDelay = monitorEventLoopDelay;
    perfHooks.PerformanceObserver.prototype.observe = observe;
    for (const histogram of this.histograms.splice(0)) closeHistogram(histogram);
    for (const observer of this.observers) observer.disconnect();
    this.observers.clear();
    await super.teardown();
  }
};
