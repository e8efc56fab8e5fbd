import { BatchScope } from './consumer.js';

describe('BatchScope', () => {
  it('does each key’s work once, in the order first asked, at the end', async () => {
    const scope = new BatchScope();
    const done: string[] = [];
    scope.defer('facts:a', async () => void done.push('a'));
    scope.defer('facts:b', async () => void done.push('b'));
    scope.defer('facts:a', async () => void done.push('a again'));
    expect(done).toEqual([]);
    await scope.finish();
    expect(done).toEqual(['a', 'b']);
  });

  it('does work deferred by deferred work, and a key again once its work is done', async () => {
    const scope = new BatchScope();
    const done: string[] = [];
    scope.defer('first', async () => {
      done.push('first');
      scope.defer('second', async () => void done.push('second'));
    });
    await scope.finish();
    scope.defer('first', async () => void done.push('first, next batch'));
    await scope.finish();
    expect(done).toEqual(['first', 'second', 'first, next batch']);
  });

  it('stops at a failing work and lets the error reach the batch', async () => {
    const scope = new BatchScope();
    const done: string[] = [];
    scope.defer('bad', () => Promise.reject(new Error('database gone')));
    scope.defer('after', async () => void done.push('after'));
    await expect(scope.finish()).rejects.toThrow('database gone');
    expect(done).toEqual([]);
  });

  it('works a value out once for the batch, however many events ask for it, and knows the batch’s events', async () => {
    const scope = new BatchScope(['e1', 'e2']);
    let statements = 0;
    const applied = () =>
      scope.once('applied', async () => {
        statements++;
        return new Set(scope.eventIds.filter((id) => id === 'e2'));
      });
    const [first, second] = await Promise.all([applied(), applied()]);
    expect(await applied()).toBe(first);
    expect(second).toBe(first);
    expect([...first]).toEqual(['e2']);
    expect(statements).toBe(1);
  });

  it('hands what the events gathered under a key to one flush, in order, with the deferred work', async () => {
    const scope = new BatchScope();
    const flushed: string[][] = [];
    const done: string[] = [];
    const flush = async (rows: string[]) => void flushed.push([...rows]);
    scope.collect('steps', 'register T1', flush);
    scope.defer('refresh', async () => void done.push(`refresh after ${flushed.length} flush`));
    scope.collect('steps', 'route T1', flush);
    scope.collect('steps', 'register T2', flush);
    expect(flushed).toEqual([]);
    await scope.finish();
    expect(flushed).toEqual([['register T1', 'route T1', 'register T2']]);
    expect(done).toEqual(['refresh after 1 flush']);
    scope.collect('steps', 'next batch', flush);
    await scope.finish();
    expect(flushed).toEqual([['register T1', 'route T1', 'register T2'], ['next batch']]);
  });

  it('starts a new list when deferred work gathers after its key was flushed', async () => {
    const scope = new BatchScope();
    const flushed: string[][] = [];
    const flush = async (rows: string[]) => void flushed.push([...rows]);
    scope.collect('steps', 'event', flush);
    scope.defer('late', async () => scope.collect('steps', 'from deferred work', flush));
    await scope.finish();
    expect(flushed).toEqual([['event'], ['from deferred work']]);
  });
});
