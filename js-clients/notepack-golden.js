// Golden bytes for the Java notepack codec: encodes sample values with the real notepack.io
// (the version @socket.io/redis-adapter depends on), and decodes sample byte strings with it.
// usage: node notepack-golden.js > ../cluster-adapter-core/src/test/resources/redis/notepack-golden.jsonl
// prints one JSON line per sample: {name, encoded, hex, decoded}, or for an encoding longer
// than 1 KiB {name, encoded, length, head, sha256} (its first 16 bytes in hex, and a digest)
//   encoded: true when hex is notepack.encode(value) (the Java test encodes its own
//            counterpart of that value and compares), false for decode-only byte strings
//            (legacy notepack 2.x encodings and other msgpack that notepack reads)
//   decoded: what notepack.decode(hex) gives JavaScript, as a tagged JSON tree: Buffer and
//            ArrayBuffer {"$bin": hex}, Date {"$date": ms}, non-finite numbers {"$number":
//            "NaN"}, an [ext type, Buffer] pair as it is, and undefined as JSON.stringify
//            treats it (left out of objects, null in arrays and at the top)
const crypto = require("crypto");
const notepack = require("notepack.io");

const bytes = (n, f) => Buffer.from(Array.from({ length: n }, (_, i) => f(i) & 0xff));
const keys = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

const encodeSamples = {
  "nil": null,
  "undefined": undefined,
  "true": true,
  "false": false,
  "int-0": 0,
  "int-minus-0": -0,
  "int-1": 1,
  "int-127": 127,
  "int-128": 128,
  "int-255": 255,
  "int-256": 256,
  "int-65535": 65535,
  "int-65536": 65536,
  "int-2^32-1": 2 ** 32 - 1,
  "int-2^32": 2 ** 32,
  "int-2^53-1": Number.MAX_SAFE_INTEGER,
  "int-2^63": 2 ** 63,
  "int-minus-1": -1,
  "int-minus-32": -32,
  "int-minus-33": -33,
  "int-minus-128": -128,
  "int-minus-129": -129,
  "int-minus-32768": -32768,
  "int-minus-32769": -32769,
  "int-minus-2^31": -(2 ** 31),
  "int-minus-2^31-1": -(2 ** 31) - 1,
  "int-minus-2^53+1": Number.MIN_SAFE_INTEGER,
  "int-minus-2^63": -(2 ** 63),
  "float-0.5": 0.5,
  "float-minus-1.5": -1.5,
  "float-pi": Math.PI,
  "float-1e-7": 1e-7,
  "float-1+ulp": 1.0000000000000002,
  "float-nan": NaN,
  "float-infinity": Infinity,
  "float-minus-infinity": -Infinity,
  "str-empty": "",
  "str-a": "a",
  "str-31": "x".repeat(31),
  "str-32": "x".repeat(32),
  "str-255": "x".repeat(255),
  "str-256": "x".repeat(256),
  "str-65535": "x".repeat(65535),
  "str-65536": "x".repeat(65536),
  "str-latin": "h\u00e9llo",
  "str-cjk": "\u65e5\u672c\u8a9e",
  "str-emoji": "\ud83d\ude00",
  "str-long-mixed": "h\u00e9llo \u2603 \ud83d\ude00 ".repeat(5),
  "str-long-lone-surrogate": "x".repeat(40) + "\ud800" + "y",
  "bin-empty": Buffer.alloc(0),
  "bin-5": Buffer.from([0, 1, 2, 250, 255]),
  "bin-255": bytes(255, (i) => i * 31),
  "bin-256": bytes(256, (i) => i * 31),
  "bin-65536": bytes(65536, (i) => i * 31),
  "arraybuffer-3": new Uint8Array([7, 8, 9]).buffer,
  "uint8array-3": new Uint8Array([7, 8, 9]),
  "date-epoch": new Date(0),
  "date-2023": new Date(1700000000000),
  "date-2023-millis": new Date(1700000000123),
  "date-2^32-seconds": new Date(2 ** 32 * 1000),
  "date-before-epoch": new Date(-1000),
  "date-minus-1ms": new Date(-1),
  "date-far": new Date(8.64e15),
  "array-empty": [],
  "array-mixed": [1, "a", null, true, 1.5],
  "array-15": Array.from({ length: 15 }, (_, i) => i),
  "array-16": Array.from({ length: 16 }, (_, i) => i),
  "array-undefined": [undefined, 1],
  "array-nested": [[[[]]], [{}]],
  "map-empty": {},
  "map-one": { a: 1 },
  "map-15": keys(15),
  "map-16": keys(16),
  "map-undefined-value": { a: 1, b: undefined, c: null },
  "map-unicode-key": { "h\u00e9": "\u2603" },
  "classic-broadcast": ["AbC-_1", { type: 2, data: ["event", { x: 1 }, Buffer.from([1, 2])], nsp: "/" },
    { rooms: ["room1"], except: ["ab12"], flags: { volatile: true } }],
  "sharded-message": { uid: "0123456789abcdef", nsp: "/", type: 3,
    data: { packet: { type: 2, data: ["bin", Buffer.from([255])], nsp: "/" }, opts: { rooms: [], except: [], flags: {} } } },
};

const decodeSamples = {
  "legacy-undefined": "d40000",
  "legacy-undefined-in-map": "82a161d40000a16201",
  "legacy-undefined-in-array": "92d4000001",
  "legacy-date": "d7000000018bcfe56800",
  "legacy-arraybuffer-ext8": "c70300070809",
  "legacy-arraybuffer-ext16": "c8000300070809",
  "legacy-arraybuffer-ext32": "c900000003000a0b0c",
  "timestamp32": "d6ff6553f100",
  "timestamp64-with-nanos": "d7ff1d53e2306553f100",
  "timestamp96-negative": "c70cff00000000ffffffffffffffff",
  "ext-fixext1-type5": "d40542",
  "ext-fixext2-type-2": "d5fe4243",
  "ext-fixext4-type0": "d60001020304",
  "ext-fixext16-type7": "d807000102030405060708090a0b0c0d0e0f",
  "ext-ext8-type9": "c7020901ff",
  "ext-ext16-timestamp-type": "c80004ff00000001",
  "float32-1.5": "ca3fc00000",
  "uint64-max": "cfffffffffffffffff",
  "int64-min": "d38000000000000000",
  "str8-short": "d90161",
  "str16-short": "da000161",
  "array16-short": "dc000101",
  "map32-short": "df00000001a16101",
  "map-integer-key": "81 01 a161".replace(/ /g, ""),
  "map-duplicate-key": "82a16101a16102",
  "invalid-utf8": "a3ff6162",
};

function describe(value, inArray) {
  if (value === undefined) return null;
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (Buffer.isBuffer(value)) return { $bin: value.toString("hex") };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString("hex") };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map((item) => describe(item, true));
  const object = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) object[key] = describe(value[key], false);
  }
  return object;
}

const print = (name, encoded, buffer) => process.stdout.write(JSON.stringify(buffer.length > 1024
  ? { name, encoded, length: buffer.length, head: buffer.subarray(0, 16).toString("hex"),
    sha256: crypto.createHash("sha256").update(buffer).digest("hex") }
  : { name, encoded, hex: buffer.toString("hex"), decoded: describe(notepack.decode(buffer)) }) + "\n");

for (const [name, value] of Object.entries(encodeSamples)) print(name, true, notepack.encode(value));
for (const [name, hex] of Object.entries(decodeSamples)) print(name, false, Buffer.from(hex, "hex"));
