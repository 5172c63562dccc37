// Runs first in every sandbox context. It builds the frozen `context` a module receives, whose
// functions reach the host only through one bridge that takes and returns strings, and it freezes
// every object reachable from the global scope so no call can change what a later call sees.
(function (bridge) {
    'use strict';
    const parse = JSON.parse, stringify = JSON.stringify, freeze = Object.freeze;

    function host(operation, argument) {
        const answer = parse(bridge(operation, stringify(argument === undefined ? null : argument)));
        if (answer.error !== undefined) {
            throw new Error(answer.error);
        }
        return answer.value;
    }

    const context = freeze({
        log: freeze({
            info: message => { host('log.info', String(message)); },
            warn: message => { host('log.warn', String(message)); }
        }),
        http: freeze({
            fetch: request => host('http.fetch', request)
        }),
        store: freeze({
            get: key => host('store.get', String(key)),
            put: (key, value) => { host('store.put', [String(key), String(value)]); },
            delete: key => { host('store.delete', String(key)); }
        }),
        secret: name => host('secret', String(name)),
        deadline: () => host('deadline', null)
    });

    function lockdown() {
        const seen = new Set();
        const pending = [globalThis];
        while (pending.length > 0) {
            const value = pending.pop();
            if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) {
                continue;
            }
            seen.add(value);
            pending.push(Object.getPrototypeOf(value));
            const properties = Object.getOwnPropertyDescriptors(value);
            for (const key of Reflect.ownKeys(properties)) {
                const property = properties[key];
                if ('value' in property) {
                    pending.push(property.value);
                } else {
                    pending.push(property.get, property.set);
                }
            }
            if (value !== globalThis) {
                freeze(value);
            }
        }
    }

    // What the host calls per call: the module's result as JSON, or a function that gives it once
    // the promise an async module returned has settled.
    function runner(execute) {
        const toJson = value => { const json = stringify(value); return json === undefined ? 'null' : json; };
        return function (inputJson) {
            const result = execute(parse(inputJson), context);
            if (result === null || typeof result !== 'object' || typeof result.then !== 'function') {
                return toJson(result);
            }
            let settled = null;
            result.then(value => { settled = { json: toJson(value) }; },
                error => { settled = { error: String(error) }; });
            return () => {
                if (settled === null) {
                    throw new Error('execute returned a promise that never settled');
                }
                if (settled.error !== undefined) {
                    throw new Error(settled.error);
                }
                return settled.json;
            };
        };
    }

    return freeze({ lockdown, runner });
})
