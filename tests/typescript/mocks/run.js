// Runs one Pulumi TypeScript / JavaScript program under pulumi.runtime.setMocks, in preview,
// and prints what the engine would receive for each resource, as JSON on stdout: type, name,
// urn, parent, inputs (the RegisterResource request's object, unknowns and secrets as sent),
// dependencies, property dependencies, and the source position of the `new` that made it.
//
// Usage: node --enable-source-maps run.js PROGRAM BUILD CONFIG_JSON
//   PROGRAM: the project folder; BUILD: an empty folder under the folder holding node_modules/
//   (the program is transpiled there, so that it finds the packages); CONFIG_JSON: stack config.
// Every resource is answered as the engine answers a new one in preview: an empty id and its
// inputs as its state, so every output the program did not set is unknown.
"use strict";
const fs = require("fs");
const path = require("path");

const [program, build, config] = process.argv.slice(2);
const need = (name) => require(require.resolve(name, { paths: [build] }));
const ts = need("typescript");

// the program's sources, transpiled to CommonJS with inline source maps (stack traces, and so
// Pulumi's source positions, name the original file, line and column)
const SOURCES = /\.(ts|tsx|js|mjs|cjs)$/;
function transpile(from, to) {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const source = path.join(from, entry.name);
        if (entry.isDirectory()) {
            if (!["node_modules", "bin", "dist"].includes(entry.name)) {
                transpile(source, path.join(to, entry.name));
            }
            continue;
        }
        fs.mkdirSync(to, { recursive: true });
        if (!SOURCES.test(entry.name) || entry.name.endsWith(".d.ts")) {
            fs.copyFileSync(source, path.join(to, entry.name));
            continue;
        }
        const out = ts.transpileModule(fs.readFileSync(source, "utf8"), {
            fileName: source,
            compilerOptions: {
                module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020,
                esModuleInterop: true, inlineSourceMap: true, inlineSources: true,
            },
        });
        fs.writeFileSync(path.join(to, entry.name.replace(/\.(ts|tsx|mjs|cjs)$/, ".js")),
                         out.outputText);
    }
}
transpile(program, build);

const pulumi = need("@pulumi/pulumi");
const settings = need("@pulumi/pulumi/runtime/settings");
pulumi.runtime.setAllConfig(JSON.parse(config), []);
pulumi.runtime.setMocks({
    newResource: (args) => ({ id: "", state: args.inputs }),
    call: () => ({}),
}, "project", "stack", true);

const records = [];
const monitor = settings.getMonitor();
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
    const type = req.getType(), name = req.getName();
    if (type !== "pulumi:pulumi:Stack") {
        const position = req.getSourceposition();
        const dependencies = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            dependencies[key] = deps.getUrnsList();
        });
        records.push({
            type, name, urn: monitor.newUrn(req.getParent(), type, name), parent: req.getParent(),
            inputs: req.getObject() ? req.getObject().toJavaScript() : {},
            dependencies: req.getDependenciesList(), propertyDependencies: dependencies,
            site: position ? [position.getUri(), position.getLine()] : null,
        });
    }
    return register(req, callback);
};

function main() {
    const project = fs.readFileSync(path.join(program, "Pulumi.yaml"), "utf8");
    const named = /^main:\s*(\S+)/m.exec(project);
    return path.join(build, named ? named[1].replace(/\.(ts|tsx|mjs|cjs)$/, ".js") : "index.js");
}

(async () => {
    require(main());
    await settings.waitForRPCs();
    process.stdout.write(JSON.stringify(records));
})().catch((error) => {
    process.stderr.write(`${error && error.stack || error}\n`);
    process.exit(1);
});
