/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $String = $util.global.String, $Array = $util.global.Array, $isFinite = $util.global.isFinite, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const ix = $root.ix = (() => {

    /**
     * Namespace ix.
     * @exports ix
     * @namespace
     */
    const ix = {};

    ix.Frame = (function() {

        /**
         * Properties of a Frame.
         * @typedef {Object} ix.Frame.$Properties
         * @property {Uint8Array|null} [data] Frame data
         * @property {number|null} [rxTimeUs] Frame rxTimeUs
         * @property {number|null} [rssHash] Frame rssHash
         * @property {number|null} [flowGroup] Frame flowGroup
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Frame.
         * @memberof ix
         * @interface IFrame
         * @augments ix.Frame.$Properties
         * @deprecated Use ix.Frame.$Properties instead.
         */

        /**
         * Shape of a Frame.
         * @typedef {ix.Frame.$Properties} ix.Frame.$Shape
         */

        /**
         * Constructs a new Frame.
         * @memberof ix
         * @classdesc Represents a Frame.
         * @constructor
         * @param {ix.Frame.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Frame = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Frame data.
         * @member {Uint8Array} data
         * @memberof ix.Frame
         * @instance
         */
        Frame.prototype.data = $util.newBuffer([]);

        /**
         * Frame rxTimeUs.
         * @member {number} rxTimeUs
         * @memberof ix.Frame
         * @instance
         */
        Frame.prototype.rxTimeUs = 0;

        /**
         * Frame rssHash.
         * @member {number} rssHash
         * @memberof ix.Frame
         * @instance
         */
        Frame.prototype.rssHash = 0;

        /**
         * Frame flowGroup.
         * @member {number} flowGroup
         * @memberof ix.Frame
         * @instance
         */
        Frame.prototype.flowGroup = 0;

        /**
         * Encodes the specified Frame message. Does not implicitly {@link ix.Frame.verify|verify} messages.
         * @function encode
         * @memberof ix.Frame
         * @static
         * @param {ix.Frame.$Properties} message Frame message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Frame.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.data);
            if (message.rxTimeUs != null && $Object.hasOwnProperty.call(message, "rxTimeUs") && !$Object.is(message.rxTimeUs, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.rxTimeUs);
            if (message.rssHash != null && $Object.hasOwnProperty.call(message, "rssHash") && message.rssHash !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.rssHash);
            if (message.flowGroup != null && $Object.hasOwnProperty.call(message, "flowGroup") && message.flowGroup !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.flowGroup);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Frame message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Frame
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Frame & ix.Frame.$Shape} Frame
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Frame.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Frame();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.rxTimeUs = value;
                        else
                            delete message.rxTimeUs;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.rssHash = value;
                        else
                            delete message.rssHash;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.flowGroup = value;
                        else
                            delete message.flowGroup;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Frame message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Frame
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Frame} Frame
         */
        Frame.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Frame)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Frame: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Frame();
            if (object.data != null)
                if (object.data.length)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
            if (object.rxTimeUs != null)
                if (!$Object.is($Number(object.rxTimeUs), 0))
                    message.rxTimeUs = $Number(object.rxTimeUs);
            if (object.rssHash != null)
                if ($Number(object.rssHash) !== 0)
                    message.rssHash = object.rssHash >>> 0;
            if (object.flowGroup != null)
                if ($Number(object.flowGroup) !== 0)
                    message.flowGroup = object.flowGroup >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a Frame message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Frame
         * @static
         * @param {ix.Frame} message Frame
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Frame.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if (options.bytes === $String)
                    object.data = "";
                else {
                    object.data = [];
                    if (options.bytes !== $Array)
                        object.data = $util.newBuffer(object.data);
                }
                object.rxTimeUs = 0;
                object.rssHash = 0;
                object.flowGroup = 0;
            }
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
            if (message.rxTimeUs != null && $Object.hasOwnProperty.call(message, "rxTimeUs"))
                object.rxTimeUs = options.json && !$isFinite(message.rxTimeUs) ? $String(message.rxTimeUs) : message.rxTimeUs;
            if (message.rssHash != null && $Object.hasOwnProperty.call(message, "rssHash"))
                object.rssHash = message.rssHash;
            if (message.flowGroup != null && $Object.hasOwnProperty.call(message, "flowGroup"))
                object.flowGroup = message.flowGroup;
            return object;
        };

        /**
         * Converts this Frame to JSON.
         * @function toJSON
         * @memberof ix.Frame
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Frame.prototype.toJSON = function() {
            return Frame.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Frame
         * @function getTypeUrl
         * @memberof ix.Frame
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Frame.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Frame";
        };

        return Frame;
    })();

    ix.WireBurst = (function() {

        /**
         * Properties of a WireBurst.
         * @typedef {Object} ix.WireBurst.$Properties
         * @property {Array.<Uint8Array>|null} [frames] WireBurst frames
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WireBurst.
         * @memberof ix
         * @interface IWireBurst
         * @augments ix.WireBurst.$Properties
         * @deprecated Use ix.WireBurst.$Properties instead.
         */

        /**
         * Shape of a WireBurst.
         * @typedef {ix.WireBurst.$Properties} ix.WireBurst.$Shape
         */

        /**
         * Constructs a new WireBurst.
         * @memberof ix
         * @classdesc Represents a WireBurst.
         * @constructor
         * @param {ix.WireBurst.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const WireBurst = function (properties) {
            this.frames = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WireBurst frames.
         * @member {Array.<Uint8Array>} frames
         * @memberof ix.WireBurst
         * @instance
         */
        WireBurst.prototype.frames = $util.emptyArray;

        /**
         * Encodes the specified WireBurst message. Does not implicitly {@link ix.WireBurst.verify|verify} messages.
         * @function encode
         * @memberof ix.WireBurst
         * @static
         * @param {ix.WireBurst.$Properties} message WireBurst message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WireBurst.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.frames != null && message.frames.length)
                for (let i = 0; i < message.frames.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.frames[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a WireBurst message from the specified reader or buffer.
         * @function decode
         * @memberof ix.WireBurst
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.WireBurst & ix.WireBurst.$Shape} WireBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WireBurst.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.WireBurst();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.frames && message.frames.length))
                            message.frames = [];
                        message.frames.push(reader.bytes());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a WireBurst message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.WireBurst
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.WireBurst} WireBurst
         */
        WireBurst.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.WireBurst)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.WireBurst: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.WireBurst();
            if (object.frames) {
                if (!$Array.isArray(object.frames))
                    throw $TypeError(".ix.WireBurst.frames: array expected");
                message.frames = $Array(object.frames.length);
                for (let i = 0; i < object.frames.length; ++i)
                    if (typeof object.frames[i] === "string")
                        $util.base64.decode(object.frames[i], message.frames[i] = $util.newBuffer($util.base64.length(object.frames[i])), 0);
                    else if (object.frames[i].length >= 0)
                        message.frames[i] = object.frames[i];
            }
            return message;
        };

        /**
         * Creates a plain object from a WireBurst message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.WireBurst
         * @static
         * @param {ix.WireBurst} message WireBurst
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        WireBurst.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.frames = [];
            if (message.frames && message.frames.length) {
                object.frames = $Array(message.frames.length);
                for (let j = 0; j < message.frames.length; ++j)
                    object.frames[j] = options.bytes === $String ? $util.base64.encode(message.frames[j], 0, message.frames[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.frames[j]) : message.frames[j];
            }
            return object;
        };

        /**
         * Converts this WireBurst to JSON.
         * @function toJSON
         * @memberof ix.WireBurst
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        WireBurst.prototype.toJSON = function() {
            return WireBurst.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for WireBurst
         * @function getTypeUrl
         * @memberof ix.WireBurst
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WireBurst.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.WireBurst";
        };

        return WireBurst;
    })();

    ix.RxBurst = (function() {

        /**
         * Properties of a RxBurst.
         * @typedef {Object} ix.RxBurst.$Properties
         * @property {number|null} [queue] RxBurst queue
         * @property {Array.<ix.Frame.$Properties>|null} [frames] RxBurst frames
         * @property {number|null} [burstsInFlight] RxBurst burstsInFlight
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RxBurst.
         * @memberof ix
         * @interface IRxBurst
         * @augments ix.RxBurst.$Properties
         * @deprecated Use ix.RxBurst.$Properties instead.
         */

        /**
         * Shape of a RxBurst.
         * @typedef {ix.RxBurst.$Properties} ix.RxBurst.$Shape
         */

        /**
         * Constructs a new RxBurst.
         * @memberof ix
         * @classdesc Represents a RxBurst.
         * @constructor
         * @param {ix.RxBurst.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RxBurst = function (properties) {
            this.frames = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RxBurst queue.
         * @member {number} queue
         * @memberof ix.RxBurst
         * @instance
         */
        RxBurst.prototype.queue = 0;

        /**
         * RxBurst frames.
         * @member {Array.<ix.Frame.$Properties>} frames
         * @memberof ix.RxBurst
         * @instance
         */
        RxBurst.prototype.frames = $util.emptyArray;

        /**
         * RxBurst burstsInFlight.
         * @member {number} burstsInFlight
         * @memberof ix.RxBurst
         * @instance
         */
        RxBurst.prototype.burstsInFlight = 0;

        /**
         * Encodes the specified RxBurst message. Does not implicitly {@link ix.RxBurst.verify|verify} messages.
         * @function encode
         * @memberof ix.RxBurst
         * @static
         * @param {ix.RxBurst.$Properties} message RxBurst message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RxBurst.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.queue);
            if (message.frames != null && message.frames.length)
                for (let i = 0; i < message.frames.length; ++i)
                    $root.ix.Frame.encode(message.frames[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.burstsInFlight != null && $Object.hasOwnProperty.call(message, "burstsInFlight") && message.burstsInFlight !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.burstsInFlight);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RxBurst message from the specified reader or buffer.
         * @function decode
         * @memberof ix.RxBurst
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.RxBurst & ix.RxBurst.$Shape} RxBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RxBurst.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.RxBurst();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.queue = value;
                        else
                            delete message.queue;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.frames && message.frames.length))
                            message.frames = [];
                        message.frames.push($root.ix.Frame.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.burstsInFlight = value;
                        else
                            delete message.burstsInFlight;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a RxBurst message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.RxBurst
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.RxBurst} RxBurst
         */
        RxBurst.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.RxBurst)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.RxBurst: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.RxBurst();
            if (object.queue != null)
                if ($Number(object.queue) !== 0)
                    message.queue = object.queue >>> 0;
            if (object.frames) {
                if (!$Array.isArray(object.frames))
                    throw $TypeError(".ix.RxBurst.frames: array expected");
                message.frames = $Array(object.frames.length);
                for (let i = 0; i < object.frames.length; ++i) {
                    if (!$util.isObject(object.frames[i]))
                        throw $TypeError(".ix.RxBurst.frames: object expected");
                    message.frames[i] = $root.ix.Frame.fromObject(object.frames[i], _depth + 1);
                }
            }
            if (object.burstsInFlight != null)
                if ($Number(object.burstsInFlight) !== 0)
                    message.burstsInFlight = object.burstsInFlight >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a RxBurst message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.RxBurst
         * @static
         * @param {ix.RxBurst} message RxBurst
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        RxBurst.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.frames = [];
            if (options.defaults) {
                object.queue = 0;
                object.burstsInFlight = 0;
            }
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue"))
                object.queue = message.queue;
            if (message.frames && message.frames.length) {
                object.frames = $Array(message.frames.length);
                for (let j = 0; j < message.frames.length; ++j)
                    object.frames[j] = $root.ix.Frame.toObject(message.frames[j], options, _depth + 1);
            }
            if (message.burstsInFlight != null && $Object.hasOwnProperty.call(message, "burstsInFlight"))
                object.burstsInFlight = message.burstsInFlight;
            return object;
        };

        /**
         * Converts this RxBurst to JSON.
         * @function toJSON
         * @memberof ix.RxBurst
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        RxBurst.prototype.toJSON = function() {
            return RxBurst.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for RxBurst
         * @function getTypeUrl
         * @memberof ix.RxBurst
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RxBurst.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.RxBurst";
        };

        return RxBurst;
    })();

    ix.TxBurst = (function() {

        /**
         * Properties of a TxBurst.
         * @typedef {Object} ix.TxBurst.$Properties
         * @property {number|null} [queue] TxBurst queue
         * @property {Array.<Uint8Array>|null} [frames] TxBurst frames
         * @property {number|null} [credits] TxBurst credits
         * @property {number|null} [batchLimit] TxBurst batchLimit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TxBurst.
         * @memberof ix
         * @interface ITxBurst
         * @augments ix.TxBurst.$Properties
         * @deprecated Use ix.TxBurst.$Properties instead.
         */

        /**
         * Shape of a TxBurst.
         * @typedef {ix.TxBurst.$Properties} ix.TxBurst.$Shape
         */

        /**
         * Constructs a new TxBurst.
         * @memberof ix
         * @classdesc Represents a TxBurst.
         * @constructor
         * @param {ix.TxBurst.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TxBurst = function (properties) {
            this.frames = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TxBurst queue.
         * @member {number} queue
         * @memberof ix.TxBurst
         * @instance
         */
        TxBurst.prototype.queue = 0;

        /**
         * TxBurst frames.
         * @member {Array.<Uint8Array>} frames
         * @memberof ix.TxBurst
         * @instance
         */
        TxBurst.prototype.frames = $util.emptyArray;

        /**
         * TxBurst credits.
         * @member {number} credits
         * @memberof ix.TxBurst
         * @instance
         */
        TxBurst.prototype.credits = 0;

        /**
         * TxBurst batchLimit.
         * @member {number} batchLimit
         * @memberof ix.TxBurst
         * @instance
         */
        TxBurst.prototype.batchLimit = 0;

        /**
         * Encodes the specified TxBurst message. Does not implicitly {@link ix.TxBurst.verify|verify} messages.
         * @function encode
         * @memberof ix.TxBurst
         * @static
         * @param {ix.TxBurst.$Properties} message TxBurst message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TxBurst.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.queue);
            if (message.frames != null && message.frames.length)
                for (let i = 0; i < message.frames.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.frames[i]);
            if (message.credits != null && $Object.hasOwnProperty.call(message, "credits") && message.credits !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.credits);
            if (message.batchLimit != null && $Object.hasOwnProperty.call(message, "batchLimit") && message.batchLimit !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.batchLimit);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TxBurst message from the specified reader or buffer.
         * @function decode
         * @memberof ix.TxBurst
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.TxBurst & ix.TxBurst.$Shape} TxBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TxBurst.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.TxBurst();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.queue = value;
                        else
                            delete message.queue;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.frames && message.frames.length))
                            message.frames = [];
                        message.frames.push(reader.bytes());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.credits = value;
                        else
                            delete message.credits;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.batchLimit = value;
                        else
                            delete message.batchLimit;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a TxBurst message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.TxBurst
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.TxBurst} TxBurst
         */
        TxBurst.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.TxBurst)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.TxBurst: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.TxBurst();
            if (object.queue != null)
                if ($Number(object.queue) !== 0)
                    message.queue = object.queue >>> 0;
            if (object.frames) {
                if (!$Array.isArray(object.frames))
                    throw $TypeError(".ix.TxBurst.frames: array expected");
                message.frames = $Array(object.frames.length);
                for (let i = 0; i < object.frames.length; ++i)
                    if (typeof object.frames[i] === "string")
                        $util.base64.decode(object.frames[i], message.frames[i] = $util.newBuffer($util.base64.length(object.frames[i])), 0);
                    else if (object.frames[i].length >= 0)
                        message.frames[i] = object.frames[i];
            }
            if (object.credits != null)
                if ($Number(object.credits) !== 0)
                    message.credits = object.credits >>> 0;
            if (object.batchLimit != null)
                if ($Number(object.batchLimit) !== 0)
                    message.batchLimit = object.batchLimit >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a TxBurst message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.TxBurst
         * @static
         * @param {ix.TxBurst} message TxBurst
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TxBurst.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.frames = [];
            if (options.defaults) {
                object.queue = 0;
                object.credits = 0;
                object.batchLimit = 0;
            }
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue"))
                object.queue = message.queue;
            if (message.frames && message.frames.length) {
                object.frames = $Array(message.frames.length);
                for (let j = 0; j < message.frames.length; ++j)
                    object.frames[j] = options.bytes === $String ? $util.base64.encode(message.frames[j], 0, message.frames[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.frames[j]) : message.frames[j];
            }
            if (message.credits != null && $Object.hasOwnProperty.call(message, "credits"))
                object.credits = message.credits;
            if (message.batchLimit != null && $Object.hasOwnProperty.call(message, "batchLimit"))
                object.batchLimit = message.batchLimit;
            return object;
        };

        /**
         * Converts this TxBurst to JSON.
         * @function toJSON
         * @memberof ix.TxBurst
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TxBurst.prototype.toJSON = function() {
            return TxBurst.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TxBurst
         * @function getTypeUrl
         * @memberof ix.TxBurst
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TxBurst.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.TxBurst";
        };

        return TxBurst;
    })();

    /**
     * SyscallKind enum.
     * @name ix.SyscallKind
     * @enum {number}
     * @property {number} SYS_NONE=0 SYS_NONE value
     * @property {number} SYS_LISTEN=1 SYS_LISTEN value
     * @property {number} SYS_CONNECT=2 SYS_CONNECT value
     * @property {number} SYS_ACCEPT=3 SYS_ACCEPT value
     * @property {number} SYS_REJECT=4 SYS_REJECT value
     * @property {number} SYS_SENDV=5 SYS_SENDV value
     * @property {number} SYS_RECV_DONE=6 SYS_RECV_DONE value
     * @property {number} SYS_CLOSE=7 SYS_CLOSE value
     * @property {number} SYS_UDP_SEND=8 SYS_UDP_SEND value
     * @property {number} SYS_UDP_LISTEN=9 SYS_UDP_LISTEN value
     */
    ix.SyscallKind = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "SYS_NONE"] = 0;
        values[valuesById[1] = "SYS_LISTEN"] = 1;
        values[valuesById[2] = "SYS_CONNECT"] = 2;
        values[valuesById[3] = "SYS_ACCEPT"] = 3;
        values[valuesById[4] = "SYS_REJECT"] = 4;
        values[valuesById[5] = "SYS_SENDV"] = 5;
        values[valuesById[6] = "SYS_RECV_DONE"] = 6;
        values[valuesById[7] = "SYS_CLOSE"] = 7;
        values[valuesById[8] = "SYS_UDP_SEND"] = 8;
        values[valuesById[9] = "SYS_UDP_LISTEN"] = 9;
        return values;
    })();

    ix.Syscall = (function() {

        /**
         * Properties of a Syscall.
         * @typedef {Object} ix.Syscall.$Properties
         * @property {ix.SyscallKind|null} [kind] Syscall kind
         * @property {number|null} [handle] Syscall handle
         * @property {number|null} [cookie] Syscall cookie
         * @property {number|null} [ip] Syscall ip
         * @property {number|null} [port] Syscall port
         * @property {number|null} [port2] Syscall port2
         * @property {number|null} [bytes] Syscall bytes
         * @property {Array.<Uint8Array>|null} [bufs] Syscall bufs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Syscall.
         * @memberof ix
         * @interface ISyscall
         * @augments ix.Syscall.$Properties
         * @deprecated Use ix.Syscall.$Properties instead.
         */

        /**
         * Shape of a Syscall.
         * @typedef {ix.Syscall.$Properties} ix.Syscall.$Shape
         */

        /**
         * Constructs a new Syscall.
         * @memberof ix
         * @classdesc Represents a Syscall.
         * @constructor
         * @param {ix.Syscall.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Syscall = function (properties) {
            this.bufs = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Syscall kind.
         * @member {ix.SyscallKind} kind
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.kind = 0;

        /**
         * Syscall handle.
         * @member {number} handle
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.handle = 0;

        /**
         * Syscall cookie.
         * @member {number} cookie
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.cookie = 0;

        /**
         * Syscall ip.
         * @member {number} ip
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.ip = 0;

        /**
         * Syscall port.
         * @member {number} port
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.port = 0;

        /**
         * Syscall port2.
         * @member {number} port2
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.port2 = 0;

        /**
         * Syscall bytes.
         * @member {number} bytes
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.bytes = 0;

        /**
         * Syscall bufs.
         * @member {Array.<Uint8Array>} bufs
         * @memberof ix.Syscall
         * @instance
         */
        Syscall.prototype.bufs = $util.emptyArray;

        /**
         * Encodes the specified Syscall message. Does not implicitly {@link ix.Syscall.verify|verify} messages.
         * @function encode
         * @memberof ix.Syscall
         * @static
         * @param {ix.Syscall.$Properties} message Syscall message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Syscall.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
            if (message.handle != null && $Object.hasOwnProperty.call(message, "handle") && !$Object.is(message.handle, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.handle);
            if (message.cookie != null && $Object.hasOwnProperty.call(message, "cookie") && !$Object.is(message.cookie, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.cookie);
            if (message.ip != null && $Object.hasOwnProperty.call(message, "ip") && message.ip !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.ip);
            if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.port);
            if (message.port2 != null && $Object.hasOwnProperty.call(message, "port2") && message.port2 !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.port2);
            if (message.bytes != null && $Object.hasOwnProperty.call(message, "bytes") && message.bytes !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.bytes);
            if (message.bufs != null && message.bufs.length)
                for (let i = 0; i < message.bufs.length; ++i)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.bufs[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Syscall message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Syscall
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Syscall & ix.Syscall.$Shape} Syscall
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Syscall.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Syscall();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.kind = value;
                        else
                            delete message.kind;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.handle = value;
                        else
                            delete message.handle;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.cookie = value;
                        else
                            delete message.cookie;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ip = value;
                        else
                            delete message.ip;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.port = value;
                        else
                            delete message.port;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.port2 = value;
                        else
                            delete message.port2;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.bytes = value;
                        else
                            delete message.bytes;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if (!(message.bufs && message.bufs.length))
                            message.bufs = [];
                        message.bufs.push(reader.bytes());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Syscall message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Syscall
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Syscall} Syscall
         */
        Syscall.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Syscall)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Syscall: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Syscall();
            if (object.kind !== 0 && (typeof object.kind !== "string" || $root.ix.SyscallKind[object.kind] !== 0))
                switch (object.kind) {
                case "SYS_NONE":
                case 0:
                    message.kind = 0;
                    break;
                case "SYS_LISTEN":
                case 1:
                    message.kind = 1;
                    break;
                case "SYS_CONNECT":
                case 2:
                    message.kind = 2;
                    break;
                case "SYS_ACCEPT":
                case 3:
                    message.kind = 3;
                    break;
                case "SYS_REJECT":
                case 4:
                    message.kind = 4;
                    break;
                case "SYS_SENDV":
                case 5:
                    message.kind = 5;
                    break;
                case "SYS_RECV_DONE":
                case 6:
                    message.kind = 6;
                    break;
                case "SYS_CLOSE":
                case 7:
                    message.kind = 7;
                    break;
                case "SYS_UDP_SEND":
                case 8:
                    message.kind = 8;
                    break;
                case "SYS_UDP_LISTEN":
                case 9:
                    message.kind = 9;
                    break;
                default:
                    if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                        message.kind = object.kind;
                }
            if (object.handle != null)
                if (!$Object.is($Number(object.handle), 0))
                    message.handle = $Number(object.handle);
            if (object.cookie != null)
                if (!$Object.is($Number(object.cookie), 0))
                    message.cookie = $Number(object.cookie);
            if (object.ip != null)
                if ($Number(object.ip) !== 0)
                    message.ip = object.ip >>> 0;
            if (object.port != null)
                if ($Number(object.port) !== 0)
                    message.port = object.port >>> 0;
            if (object.port2 != null)
                if ($Number(object.port2) !== 0)
                    message.port2 = object.port2 >>> 0;
            if (object.bytes != null)
                if ($Number(object.bytes) !== 0)
                    message.bytes = object.bytes >>> 0;
            if (object.bufs) {
                if (!$Array.isArray(object.bufs))
                    throw $TypeError(".ix.Syscall.bufs: array expected");
                message.bufs = $Array(object.bufs.length);
                for (let i = 0; i < object.bufs.length; ++i)
                    if (typeof object.bufs[i] === "string")
                        $util.base64.decode(object.bufs[i], message.bufs[i] = $util.newBuffer($util.base64.length(object.bufs[i])), 0);
                    else if (object.bufs[i].length >= 0)
                        message.bufs[i] = object.bufs[i];
            }
            return message;
        };

        /**
         * Creates a plain object from a Syscall message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Syscall
         * @static
         * @param {ix.Syscall} message Syscall
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Syscall.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.bufs = [];
            if (options.defaults) {
                object.kind = options.enums === $String ? "SYS_NONE" : 0;
                object.handle = 0;
                object.cookie = 0;
                object.ip = 0;
                object.port = 0;
                object.port2 = 0;
                object.bytes = 0;
            }
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                object.kind = options.enums === $String ? $root.ix.SyscallKind[message.kind] === $undefined ? message.kind : $root.ix.SyscallKind[message.kind] : message.kind;
            if (message.handle != null && $Object.hasOwnProperty.call(message, "handle"))
                object.handle = options.json && !$isFinite(message.handle) ? $String(message.handle) : message.handle;
            if (message.cookie != null && $Object.hasOwnProperty.call(message, "cookie"))
                object.cookie = options.json && !$isFinite(message.cookie) ? $String(message.cookie) : message.cookie;
            if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                object.ip = message.ip;
            if (message.port != null && $Object.hasOwnProperty.call(message, "port"))
                object.port = message.port;
            if (message.port2 != null && $Object.hasOwnProperty.call(message, "port2"))
                object.port2 = message.port2;
            if (message.bytes != null && $Object.hasOwnProperty.call(message, "bytes"))
                object.bytes = message.bytes;
            if (message.bufs && message.bufs.length) {
                object.bufs = $Array(message.bufs.length);
                for (let j = 0; j < message.bufs.length; ++j)
                    object.bufs[j] = options.bytes === $String ? $util.base64.encode(message.bufs[j], 0, message.bufs[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.bufs[j]) : message.bufs[j];
            }
            return object;
        };

        /**
         * Converts this Syscall to JSON.
         * @function toJSON
         * @memberof ix.Syscall
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Syscall.prototype.toJSON = function() {
            return Syscall.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Syscall
         * @function getTypeUrl
         * @memberof ix.Syscall
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Syscall.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Syscall";
        };

        return Syscall;
    })();

    ix.SyscallBatch = (function() {

        /**
         * Properties of a SyscallBatch.
         * @typedef {Object} ix.SyscallBatch.$Properties
         * @property {number|null} [core] SyscallBatch core
         * @property {number|null} [seq] SyscallBatch seq
         * @property {Array.<ix.Syscall.$Properties>|null} [calls] SyscallBatch calls
         * @property {string|null} [app] SyscallBatch app
         * @property {number|null} [firstUnacked] SyscallBatch firstUnacked
         * @property {number|null} [eventsSession] SyscallBatch eventsSession
         * @property {number|null} [eventsAcked] SyscallBatch eventsAcked
         * @property {number|null} [eventsMissing] SyscallBatch eventsMissing
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SyscallBatch.
         * @memberof ix
         * @interface ISyscallBatch
         * @augments ix.SyscallBatch.$Properties
         * @deprecated Use ix.SyscallBatch.$Properties instead.
         */

        /**
         * Shape of a SyscallBatch.
         * @typedef {ix.SyscallBatch.$Properties} ix.SyscallBatch.$Shape
         */

        /**
         * Constructs a new SyscallBatch.
         * @memberof ix
         * @classdesc Represents a SyscallBatch.
         * @constructor
         * @param {ix.SyscallBatch.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SyscallBatch = function (properties) {
            this.calls = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SyscallBatch core.
         * @member {number} core
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.core = 0;

        /**
         * SyscallBatch seq.
         * @member {number} seq
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.seq = 0;

        /**
         * SyscallBatch calls.
         * @member {Array.<ix.Syscall.$Properties>} calls
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.calls = $util.emptyArray;

        /**
         * SyscallBatch app.
         * @member {string} app
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.app = "";

        /**
         * SyscallBatch firstUnacked.
         * @member {number} firstUnacked
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.firstUnacked = 0;

        /**
         * SyscallBatch eventsSession.
         * @member {number} eventsSession
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.eventsSession = 0;

        /**
         * SyscallBatch eventsAcked.
         * @member {number} eventsAcked
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.eventsAcked = 0;

        /**
         * SyscallBatch eventsMissing.
         * @member {number} eventsMissing
         * @memberof ix.SyscallBatch
         * @instance
         */
        SyscallBatch.prototype.eventsMissing = 0;

        /**
         * Encodes the specified SyscallBatch message. Does not implicitly {@link ix.SyscallBatch.verify|verify} messages.
         * @function encode
         * @memberof ix.SyscallBatch
         * @static
         * @param {ix.SyscallBatch.$Properties} message SyscallBatch message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SyscallBatch.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.core != null && $Object.hasOwnProperty.call(message, "core") && message.core !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.core);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && !$Object.is(message.seq, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.seq);
            if (message.calls != null && message.calls.length)
                for (let i = 0; i < message.calls.length; ++i)
                    $root.ix.Syscall.encode(message.calls[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.app != null && $Object.hasOwnProperty.call(message, "app") && message.app !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.app);
            if (message.firstUnacked != null && $Object.hasOwnProperty.call(message, "firstUnacked") && !$Object.is(message.firstUnacked, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.firstUnacked);
            if (message.eventsSession != null && $Object.hasOwnProperty.call(message, "eventsSession") && !$Object.is(message.eventsSession, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.eventsSession);
            if (message.eventsAcked != null && $Object.hasOwnProperty.call(message, "eventsAcked") && !$Object.is(message.eventsAcked, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.eventsAcked);
            if (message.eventsMissing != null && $Object.hasOwnProperty.call(message, "eventsMissing") && !$Object.is(message.eventsMissing, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.eventsMissing);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SyscallBatch message from the specified reader or buffer.
         * @function decode
         * @memberof ix.SyscallBatch
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.SyscallBatch & ix.SyscallBatch.$Shape} SyscallBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SyscallBatch.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.SyscallBatch();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.core = value;
                        else
                            delete message.core;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.calls && message.calls.length))
                            message.calls = [];
                        message.calls.push($root.ix.Syscall.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.app = value;
                        else
                            delete message.app;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.firstUnacked = value;
                        else
                            delete message.firstUnacked;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.eventsSession = value;
                        else
                            delete message.eventsSession;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.eventsAcked = value;
                        else
                            delete message.eventsAcked;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.eventsMissing = value;
                        else
                            delete message.eventsMissing;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a SyscallBatch message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.SyscallBatch
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.SyscallBatch} SyscallBatch
         */
        SyscallBatch.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.SyscallBatch)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.SyscallBatch: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.SyscallBatch();
            if (object.core != null)
                if ($Number(object.core) !== 0)
                    message.core = object.core >>> 0;
            if (object.seq != null)
                if (!$Object.is($Number(object.seq), 0))
                    message.seq = $Number(object.seq);
            if (object.calls) {
                if (!$Array.isArray(object.calls))
                    throw $TypeError(".ix.SyscallBatch.calls: array expected");
                message.calls = $Array(object.calls.length);
                for (let i = 0; i < object.calls.length; ++i) {
                    if (!$util.isObject(object.calls[i]))
                        throw $TypeError(".ix.SyscallBatch.calls: object expected");
                    message.calls[i] = $root.ix.Syscall.fromObject(object.calls[i], _depth + 1);
                }
            }
            if (object.app != null)
                if (typeof object.app !== "string" || object.app.length)
                    message.app = $String(object.app);
            if (object.firstUnacked != null)
                if (!$Object.is($Number(object.firstUnacked), 0))
                    message.firstUnacked = $Number(object.firstUnacked);
            if (object.eventsSession != null)
                if (!$Object.is($Number(object.eventsSession), 0))
                    message.eventsSession = $Number(object.eventsSession);
            if (object.eventsAcked != null)
                if (!$Object.is($Number(object.eventsAcked), 0))
                    message.eventsAcked = $Number(object.eventsAcked);
            if (object.eventsMissing != null)
                if (!$Object.is($Number(object.eventsMissing), 0))
                    message.eventsMissing = $Number(object.eventsMissing);
            return message;
        };

        /**
         * Creates a plain object from a SyscallBatch message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.SyscallBatch
         * @static
         * @param {ix.SyscallBatch} message SyscallBatch
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SyscallBatch.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.calls = [];
            if (options.defaults) {
                object.core = 0;
                object.seq = 0;
                object.app = "";
                object.firstUnacked = 0;
                object.eventsSession = 0;
                object.eventsAcked = 0;
                object.eventsMissing = 0;
            }
            if (message.core != null && $Object.hasOwnProperty.call(message, "core"))
                object.core = message.core;
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                object.seq = options.json && !$isFinite(message.seq) ? $String(message.seq) : message.seq;
            if (message.calls && message.calls.length) {
                object.calls = $Array(message.calls.length);
                for (let j = 0; j < message.calls.length; ++j)
                    object.calls[j] = $root.ix.Syscall.toObject(message.calls[j], options, _depth + 1);
            }
            if (message.app != null && $Object.hasOwnProperty.call(message, "app"))
                object.app = message.app;
            if (message.firstUnacked != null && $Object.hasOwnProperty.call(message, "firstUnacked"))
                object.firstUnacked = options.json && !$isFinite(message.firstUnacked) ? $String(message.firstUnacked) : message.firstUnacked;
            if (message.eventsSession != null && $Object.hasOwnProperty.call(message, "eventsSession"))
                object.eventsSession = options.json && !$isFinite(message.eventsSession) ? $String(message.eventsSession) : message.eventsSession;
            if (message.eventsAcked != null && $Object.hasOwnProperty.call(message, "eventsAcked"))
                object.eventsAcked = options.json && !$isFinite(message.eventsAcked) ? $String(message.eventsAcked) : message.eventsAcked;
            if (message.eventsMissing != null && $Object.hasOwnProperty.call(message, "eventsMissing"))
                object.eventsMissing = options.json && !$isFinite(message.eventsMissing) ? $String(message.eventsMissing) : message.eventsMissing;
            return object;
        };

        /**
         * Converts this SyscallBatch to JSON.
         * @function toJSON
         * @memberof ix.SyscallBatch
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SyscallBatch.prototype.toJSON = function() {
            return SyscallBatch.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for SyscallBatch
         * @function getTypeUrl
         * @memberof ix.SyscallBatch
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SyscallBatch.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.SyscallBatch";
        };

        return SyscallBatch;
    })();

    /**
     * EventKind enum.
     * @name ix.EventKind
     * @enum {number}
     * @property {number} EV_NONE=0 EV_NONE value
     * @property {number} EV_KNOCK=1 EV_KNOCK value
     * @property {number} EV_CONNECTED=2 EV_CONNECTED value
     * @property {number} EV_RECV=3 EV_RECV value
     * @property {number} EV_SENT=4 EV_SENT value
     * @property {number} EV_DEAD=5 EV_DEAD value
     * @property {number} EV_UDP_RECV=6 EV_UDP_RECV value
     * @property {number} EV_UDP_SENT=7 EV_UDP_SENT value
     * @property {number} EV_MOVED=8 EV_MOVED value
     */
    ix.EventKind = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "EV_NONE"] = 0;
        values[valuesById[1] = "EV_KNOCK"] = 1;
        values[valuesById[2] = "EV_CONNECTED"] = 2;
        values[valuesById[3] = "EV_RECV"] = 3;
        values[valuesById[4] = "EV_SENT"] = 4;
        values[valuesById[5] = "EV_DEAD"] = 5;
        values[valuesById[6] = "EV_UDP_RECV"] = 6;
        values[valuesById[7] = "EV_UDP_SENT"] = 7;
        values[valuesById[8] = "EV_MOVED"] = 8;
        return values;
    })();

    ix.Event = (function() {

        /**
         * Properties of an Event.
         * @typedef {Object} ix.Event.$Properties
         * @property {ix.EventKind|null} [kind] Event kind
         * @property {number|null} [handle] Event handle
         * @property {number|null} [cookie] Event cookie
         * @property {Uint8Array|null} [data] Event data
         * @property {number|null} [ip] Event ip
         * @property {number|null} [port] Event port
         * @property {number|null} [port2] Event port2
         * @property {number|null} [value] Event value
         * @property {number|null} [window] Event window
         * @property {number|null} [afterSeq] Event afterSeq
         * @property {number|null} [afterSession] Event afterSession
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Event.
         * @memberof ix
         * @interface IEvent
         * @augments ix.Event.$Properties
         * @deprecated Use ix.Event.$Properties instead.
         */

        /**
         * Shape of an Event.
         * @typedef {ix.Event.$Properties} ix.Event.$Shape
         */

        /**
         * Constructs a new Event.
         * @memberof ix
         * @classdesc Represents an Event.
         * @constructor
         * @param {ix.Event.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Event = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Event kind.
         * @member {ix.EventKind} kind
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.kind = 0;

        /**
         * Event handle.
         * @member {number} handle
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.handle = 0;

        /**
         * Event cookie.
         * @member {number} cookie
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.cookie = 0;

        /**
         * Event data.
         * @member {Uint8Array} data
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.data = $util.newBuffer([]);

        /**
         * Event ip.
         * @member {number} ip
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.ip = 0;

        /**
         * Event port.
         * @member {number} port
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.port = 0;

        /**
         * Event port2.
         * @member {number} port2
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.port2 = 0;

        /**
         * Event value.
         * @member {number} value
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.value = 0;

        /**
         * Event window.
         * @member {number} window
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.window = 0;

        /**
         * Event afterSeq.
         * @member {number} afterSeq
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.afterSeq = 0;

        /**
         * Event afterSession.
         * @member {number} afterSession
         * @memberof ix.Event
         * @instance
         */
        Event.prototype.afterSession = 0;

        /**
         * Encodes the specified Event message. Does not implicitly {@link ix.Event.verify|verify} messages.
         * @function encode
         * @memberof ix.Event
         * @static
         * @param {ix.Event.$Properties} message Event message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Event.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
            if (message.handle != null && $Object.hasOwnProperty.call(message, "handle") && !$Object.is(message.handle, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.handle);
            if (message.cookie != null && $Object.hasOwnProperty.call(message, "cookie") && !$Object.is(message.cookie, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.cookie);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.data);
            if (message.ip != null && $Object.hasOwnProperty.call(message, "ip") && message.ip !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.ip);
            if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.port);
            if (message.port2 != null && $Object.hasOwnProperty.call(message, "port2") && message.port2 !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.port2);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== 0)
                writer.uint32(/* id 8, wireType 0 =*/64).int32(message.value);
            if (message.window != null && $Object.hasOwnProperty.call(message, "window") && message.window !== 0)
                writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.window);
            if (message.afterSeq != null && $Object.hasOwnProperty.call(message, "afterSeq") && !$Object.is(message.afterSeq, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.afterSeq);
            if (message.afterSession != null && $Object.hasOwnProperty.call(message, "afterSession") && !$Object.is(message.afterSession, 0))
                writer.uint32(/* id 11, wireType 1 =*/89).double(message.afterSession);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Event message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Event
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Event & ix.Event.$Shape} Event
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Event.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Event();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.kind = value;
                        else
                            delete message.kind;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.handle = value;
                        else
                            delete message.handle;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.cookie = value;
                        else
                            delete message.cookie;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ip = value;
                        else
                            delete message.ip;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.port = value;
                        else
                            delete message.port;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.port2 = value;
                        else
                            delete message.port2;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.window = value;
                        else
                            delete message.window;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.afterSeq = value;
                        else
                            delete message.afterSeq;
                        continue;
                    }
                case 11: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.afterSession = value;
                        else
                            delete message.afterSession;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Event message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Event
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Event} Event
         */
        Event.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Event)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Event: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Event();
            if (object.kind !== 0 && (typeof object.kind !== "string" || $root.ix.EventKind[object.kind] !== 0))
                switch (object.kind) {
                case "EV_NONE":
                case 0:
                    message.kind = 0;
                    break;
                case "EV_KNOCK":
                case 1:
                    message.kind = 1;
                    break;
                case "EV_CONNECTED":
                case 2:
                    message.kind = 2;
                    break;
                case "EV_RECV":
                case 3:
                    message.kind = 3;
                    break;
                case "EV_SENT":
                case 4:
                    message.kind = 4;
                    break;
                case "EV_DEAD":
                case 5:
                    message.kind = 5;
                    break;
                case "EV_UDP_RECV":
                case 6:
                    message.kind = 6;
                    break;
                case "EV_UDP_SENT":
                case 7:
                    message.kind = 7;
                    break;
                case "EV_MOVED":
                case 8:
                    message.kind = 8;
                    break;
                default:
                    if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                        message.kind = object.kind;
                }
            if (object.handle != null)
                if (!$Object.is($Number(object.handle), 0))
                    message.handle = $Number(object.handle);
            if (object.cookie != null)
                if (!$Object.is($Number(object.cookie), 0))
                    message.cookie = $Number(object.cookie);
            if (object.data != null)
                if (object.data.length)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
            if (object.ip != null)
                if ($Number(object.ip) !== 0)
                    message.ip = object.ip >>> 0;
            if (object.port != null)
                if ($Number(object.port) !== 0)
                    message.port = object.port >>> 0;
            if (object.port2 != null)
                if ($Number(object.port2) !== 0)
                    message.port2 = object.port2 >>> 0;
            if (object.value != null)
                if ($Number(object.value) !== 0)
                    message.value = object.value | 0;
            if (object.window != null)
                if ($Number(object.window) !== 0)
                    message.window = object.window >>> 0;
            if (object.afterSeq != null)
                if (!$Object.is($Number(object.afterSeq), 0))
                    message.afterSeq = $Number(object.afterSeq);
            if (object.afterSession != null)
                if (!$Object.is($Number(object.afterSession), 0))
                    message.afterSession = $Number(object.afterSession);
            return message;
        };

        /**
         * Creates a plain object from an Event message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Event
         * @static
         * @param {ix.Event} message Event
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Event.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.kind = options.enums === $String ? "EV_NONE" : 0;
                object.handle = 0;
                object.cookie = 0;
                if (options.bytes === $String)
                    object.data = "";
                else {
                    object.data = [];
                    if (options.bytes !== $Array)
                        object.data = $util.newBuffer(object.data);
                }
                object.ip = 0;
                object.port = 0;
                object.port2 = 0;
                object.value = 0;
                object.window = 0;
                object.afterSeq = 0;
                object.afterSession = 0;
            }
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                object.kind = options.enums === $String ? $root.ix.EventKind[message.kind] === $undefined ? message.kind : $root.ix.EventKind[message.kind] : message.kind;
            if (message.handle != null && $Object.hasOwnProperty.call(message, "handle"))
                object.handle = options.json && !$isFinite(message.handle) ? $String(message.handle) : message.handle;
            if (message.cookie != null && $Object.hasOwnProperty.call(message, "cookie"))
                object.cookie = options.json && !$isFinite(message.cookie) ? $String(message.cookie) : message.cookie;
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
            if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                object.ip = message.ip;
            if (message.port != null && $Object.hasOwnProperty.call(message, "port"))
                object.port = message.port;
            if (message.port2 != null && $Object.hasOwnProperty.call(message, "port2"))
                object.port2 = message.port2;
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                object.value = message.value;
            if (message.window != null && $Object.hasOwnProperty.call(message, "window"))
                object.window = message.window;
            if (message.afterSeq != null && $Object.hasOwnProperty.call(message, "afterSeq"))
                object.afterSeq = options.json && !$isFinite(message.afterSeq) ? $String(message.afterSeq) : message.afterSeq;
            if (message.afterSession != null && $Object.hasOwnProperty.call(message, "afterSession"))
                object.afterSession = options.json && !$isFinite(message.afterSession) ? $String(message.afterSession) : message.afterSession;
            return object;
        };

        /**
         * Converts this Event to JSON.
         * @function toJSON
         * @memberof ix.Event
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Event.prototype.toJSON = function() {
            return Event.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Event
         * @function getTypeUrl
         * @memberof ix.Event
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Event.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Event";
        };

        return Event;
    })();

    ix.EventBatch = (function() {

        /**
         * Properties of an EventBatch.
         * @typedef {Object} ix.EventBatch.$Properties
         * @property {number|null} [core] EventBatch core
         * @property {number|null} [seq] EventBatch seq
         * @property {Array.<ix.Event.$Properties>|null} [events] EventBatch events
         * @property {number|null} [resultsSeq] EventBatch resultsSeq
         * @property {Array.<number>|null} [results] EventBatch results
         * @property {number|null} [session] EventBatch session
         * @property {number|null} [firstUnacked] EventBatch firstUnacked
         * @property {number|null} [syscallsMissing] EventBatch syscallsMissing
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an EventBatch.
         * @memberof ix
         * @interface IEventBatch
         * @augments ix.EventBatch.$Properties
         * @deprecated Use ix.EventBatch.$Properties instead.
         */

        /**
         * Shape of an EventBatch.
         * @typedef {ix.EventBatch.$Properties} ix.EventBatch.$Shape
         */

        /**
         * Constructs a new EventBatch.
         * @memberof ix
         * @classdesc Represents an EventBatch.
         * @constructor
         * @param {ix.EventBatch.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const EventBatch = function (properties) {
            this.events = [];
            this.results = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * EventBatch core.
         * @member {number} core
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.core = 0;

        /**
         * EventBatch seq.
         * @member {number} seq
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.seq = 0;

        /**
         * EventBatch events.
         * @member {Array.<ix.Event.$Properties>} events
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.events = $util.emptyArray;

        /**
         * EventBatch resultsSeq.
         * @member {number} resultsSeq
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.resultsSeq = 0;

        /**
         * EventBatch results.
         * @member {Array.<number>} results
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.results = $util.emptyArray;

        /**
         * EventBatch session.
         * @member {number} session
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.session = 0;

        /**
         * EventBatch firstUnacked.
         * @member {number} firstUnacked
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.firstUnacked = 0;

        /**
         * EventBatch syscallsMissing.
         * @member {number} syscallsMissing
         * @memberof ix.EventBatch
         * @instance
         */
        EventBatch.prototype.syscallsMissing = 0;

        /**
         * Encodes the specified EventBatch message. Does not implicitly {@link ix.EventBatch.verify|verify} messages.
         * @function encode
         * @memberof ix.EventBatch
         * @static
         * @param {ix.EventBatch.$Properties} message EventBatch message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EventBatch.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.core != null && $Object.hasOwnProperty.call(message, "core") && message.core !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.core);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && !$Object.is(message.seq, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.seq);
            if (message.events != null && message.events.length)
                for (let i = 0; i < message.events.length; ++i)
                    $root.ix.Event.encode(message.events[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.resultsSeq != null && $Object.hasOwnProperty.call(message, "resultsSeq") && !$Object.is(message.resultsSeq, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.resultsSeq);
            if (message.results != null && message.results.length)
                writer.uint32(/* id 5, wireType 2 =*/42).doubles(message.results);
            if (message.session != null && $Object.hasOwnProperty.call(message, "session") && !$Object.is(message.session, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.session);
            if (message.firstUnacked != null && $Object.hasOwnProperty.call(message, "firstUnacked") && !$Object.is(message.firstUnacked, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.firstUnacked);
            if (message.syscallsMissing != null && $Object.hasOwnProperty.call(message, "syscallsMissing") && !$Object.is(message.syscallsMissing, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.syscallsMissing);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an EventBatch message from the specified reader or buffer.
         * @function decode
         * @memberof ix.EventBatch
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.EventBatch & ix.EventBatch.$Shape} EventBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EventBatch.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.EventBatch();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.core = value;
                        else
                            delete message.core;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.events && message.events.length))
                            message.events = [];
                        message.events.push($root.ix.Event.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.resultsSeq = value;
                        else
                            delete message.resultsSeq;
                        continue;
                    }
                case 5: {
                        if (wireType === 2) {
                            if (!(message.results && message.results.length))
                                message.results = [];
                            reader.doubles(message.results);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.results && message.results.length))
                            message.results = [];
                        message.results.push(reader.double());
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.session = value;
                        else
                            delete message.session;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.firstUnacked = value;
                        else
                            delete message.firstUnacked;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.syscallsMissing = value;
                        else
                            delete message.syscallsMissing;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.EventBatch
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.EventBatch} EventBatch
         */
        EventBatch.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.EventBatch)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.EventBatch: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.EventBatch();
            if (object.core != null)
                if ($Number(object.core) !== 0)
                    message.core = object.core >>> 0;
            if (object.seq != null)
                if (!$Object.is($Number(object.seq), 0))
                    message.seq = $Number(object.seq);
            if (object.events) {
                if (!$Array.isArray(object.events))
                    throw $TypeError(".ix.EventBatch.events: array expected");
                message.events = $Array(object.events.length);
                for (let i = 0; i < object.events.length; ++i) {
                    if (!$util.isObject(object.events[i]))
                        throw $TypeError(".ix.EventBatch.events: object expected");
                    message.events[i] = $root.ix.Event.fromObject(object.events[i], _depth + 1);
                }
            }
            if (object.resultsSeq != null)
                if (!$Object.is($Number(object.resultsSeq), 0))
                    message.resultsSeq = $Number(object.resultsSeq);
            if (object.results) {
                if (!$Array.isArray(object.results))
                    throw $TypeError(".ix.EventBatch.results: array expected");
                message.results = $Array(object.results.length);
                for (let i = 0; i < object.results.length; ++i)
                    message.results[i] = $Number(object.results[i]);
            }
            if (object.session != null)
                if (!$Object.is($Number(object.session), 0))
                    message.session = $Number(object.session);
            if (object.firstUnacked != null)
                if (!$Object.is($Number(object.firstUnacked), 0))
                    message.firstUnacked = $Number(object.firstUnacked);
            if (object.syscallsMissing != null)
                if (!$Object.is($Number(object.syscallsMissing), 0))
                    message.syscallsMissing = $Number(object.syscallsMissing);
            return message;
        };

        /**
         * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.EventBatch
         * @static
         * @param {ix.EventBatch} message EventBatch
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        EventBatch.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.events = [];
                object.results = [];
            }
            if (options.defaults) {
                object.core = 0;
                object.seq = 0;
                object.resultsSeq = 0;
                object.session = 0;
                object.firstUnacked = 0;
                object.syscallsMissing = 0;
            }
            if (message.core != null && $Object.hasOwnProperty.call(message, "core"))
                object.core = message.core;
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                object.seq = options.json && !$isFinite(message.seq) ? $String(message.seq) : message.seq;
            if (message.events && message.events.length) {
                object.events = $Array(message.events.length);
                for (let j = 0; j < message.events.length; ++j)
                    object.events[j] = $root.ix.Event.toObject(message.events[j], options, _depth + 1);
            }
            if (message.resultsSeq != null && $Object.hasOwnProperty.call(message, "resultsSeq"))
                object.resultsSeq = options.json && !$isFinite(message.resultsSeq) ? $String(message.resultsSeq) : message.resultsSeq;
            if (message.results && message.results.length) {
                object.results = $Array(message.results.length);
                for (let j = 0; j < message.results.length; ++j)
                    object.results[j] = options.json && !$isFinite(message.results[j]) ? $String(message.results[j]) : message.results[j];
            }
            if (message.session != null && $Object.hasOwnProperty.call(message, "session"))
                object.session = options.json && !$isFinite(message.session) ? $String(message.session) : message.session;
            if (message.firstUnacked != null && $Object.hasOwnProperty.call(message, "firstUnacked"))
                object.firstUnacked = options.json && !$isFinite(message.firstUnacked) ? $String(message.firstUnacked) : message.firstUnacked;
            if (message.syscallsMissing != null && $Object.hasOwnProperty.call(message, "syscallsMissing"))
                object.syscallsMissing = options.json && !$isFinite(message.syscallsMissing) ? $String(message.syscallsMissing) : message.syscallsMissing;
            return object;
        };

        /**
         * Converts this EventBatch to JSON.
         * @function toJSON
         * @memberof ix.EventBatch
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        EventBatch.prototype.toJSON = function() {
            return EventBatch.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for EventBatch
         * @function getTypeUrl
         * @memberof ix.EventBatch
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        EventBatch.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.EventBatch";
        };

        return EventBatch;
    })();

    /**
     * Errno enum.
     * @name ix.Errno
     * @enum {number}
     * @property {number} ERRNO_OK=0 ERRNO_OK value
     * @property {number} ENOENT=2 ENOENT value
     * @property {number} E2BIG=7 E2BIG value
     * @property {number} EBADF=9 EBADF value
     * @property {number} EAGAIN=11 EAGAIN value
     * @property {number} ENOMEM=12 ENOMEM value
     * @property {number} EBUSY=16 EBUSY value
     * @property {number} EINVAL=22 EINVAL value
     * @property {number} EMSGSIZE=90 EMSGSIZE value
     * @property {number} EADDRINUSE=98 EADDRINUSE value
     * @property {number} EADDRNOTAVAIL=99 EADDRNOTAVAIL value
     * @property {number} ECONNRESET=104 ECONNRESET value
     * @property {number} EISCONN=106 EISCONN value
     * @property {number} ENOTCONN=107 ENOTCONN value
     * @property {number} ECONNREFUSED=111 ECONNREFUSED value
     * @property {number} ESTALE=116 ESTALE value
     */
    ix.Errno = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "ERRNO_OK"] = 0;
        values[valuesById[2] = "ENOENT"] = 2;
        values[valuesById[7] = "E2BIG"] = 7;
        values[valuesById[9] = "EBADF"] = 9;
        values[valuesById[11] = "EAGAIN"] = 11;
        values[valuesById[12] = "ENOMEM"] = 12;
        values[valuesById[16] = "EBUSY"] = 16;
        values[valuesById[22] = "EINVAL"] = 22;
        values[valuesById[90] = "EMSGSIZE"] = 90;
        values[valuesById[98] = "EADDRINUSE"] = 98;
        values[valuesById[99] = "EADDRNOTAVAIL"] = 99;
        values[valuesById[104] = "ECONNRESET"] = 104;
        values[valuesById[106] = "EISCONN"] = 106;
        values[valuesById[107] = "ENOTCONN"] = 107;
        values[valuesById[111] = "ECONNREFUSED"] = 111;
        values[valuesById[116] = "ESTALE"] = 116;
        return values;
    })();

    /**
     * DeadReason enum.
     * @name ix.DeadReason
     * @enum {number}
     * @property {number} DEAD_NONE=0 DEAD_NONE value
     * @property {number} DEAD_RESET=1 DEAD_RESET value
     * @property {number} DEAD_TIMEOUT=2 DEAD_TIMEOUT value
     * @property {number} DEAD_CORE_FAILED=3 DEAD_CORE_FAILED value
     */
    ix.DeadReason = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "DEAD_NONE"] = 0;
        values[valuesById[1] = "DEAD_RESET"] = 1;
        values[valuesById[2] = "DEAD_TIMEOUT"] = 2;
        values[valuesById[3] = "DEAD_CORE_FAILED"] = 3;
        return values;
    })();

    /**
     * Limit enum.
     * @name ix.Limit
     * @enum {number}
     * @property {number} LIMIT_NONE=0 LIMIT_NONE value
     * @property {number} MAX_SG_ENTRIES=30 MAX_SG_ENTRIES value
     * @property {number} MAX_CALLS_PER_BATCH=8192 MAX_CALLS_PER_BATCH value
     * @property {number} MAX_SENDV_BYTES=4194304 MAX_SENDV_BYTES value
     */
    ix.Limit = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "LIMIT_NONE"] = 0;
        values[valuesById[30] = "MAX_SG_ENTRIES"] = 30;
        values[valuesById[8192] = "MAX_CALLS_PER_BATCH"] = 8192;
        values[valuesById[4194304] = "MAX_SENDV_BYTES"] = 4194304;
        return values;
    })();

    /**
     * HandleLayout enum.
     * @name ix.HandleLayout
     * @enum {number}
     * @property {number} HANDLE_LAYOUT_NONE=0 HANDLE_LAYOUT_NONE value
     * @property {number} HANDLE_FG_SHIFT=32 HANDLE_FG_SHIFT value
     */
    ix.HandleLayout = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "HANDLE_LAYOUT_NONE"] = 0;
        values[valuesById[32] = "HANDLE_FG_SHIFT"] = 32;
        return values;
    })();

    /**
     * CommandKind enum.
     * @name ix.CommandKind
     * @enum {number}
     * @property {number} CMD_NONE=0 CMD_NONE value
     * @property {number} CMD_STATUS=1 CMD_STATUS value
     * @property {number} CMD_ACTIVATE=2 CMD_ACTIVATE value
     * @property {number} CMD_PARK=3 CMD_PARK value
     * @property {number} CMD_MIGRATE=4 CMD_MIGRATE value
     * @property {number} CMD_SET_BATCH=5 CMD_SET_BATCH value
     * @property {number} CMD_BACKGROUND=6 CMD_BACKGROUND value
     */
    ix.CommandKind = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "CMD_NONE"] = 0;
        values[valuesById[1] = "CMD_STATUS"] = 1;
        values[valuesById[2] = "CMD_ACTIVATE"] = 2;
        values[valuesById[3] = "CMD_PARK"] = 3;
        values[valuesById[4] = "CMD_MIGRATE"] = 4;
        values[valuesById[5] = "CMD_SET_BATCH"] = 5;
        values[valuesById[6] = "CMD_BACKGROUND"] = 6;
        return values;
    })();

    ix.CoreCommand = (function() {

        /**
         * Properties of a CoreCommand.
         * @typedef {Object} ix.CoreCommand.$Properties
         * @property {ix.CommandKind|null} [kind] CoreCommand kind
         * @property {Array.<number>|null} [flowGroups] CoreCommand flowGroups
         * @property {number|null} [targetCore] CoreCommand targetCore
         * @property {number|null} [migrationId] CoreCommand migrationId
         * @property {number|null} [value] CoreCommand value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CoreCommand.
         * @memberof ix
         * @interface ICoreCommand
         * @augments ix.CoreCommand.$Properties
         * @deprecated Use ix.CoreCommand.$Properties instead.
         */

        /**
         * Shape of a CoreCommand.
         * @typedef {ix.CoreCommand.$Properties} ix.CoreCommand.$Shape
         */

        /**
         * Constructs a new CoreCommand.
         * @memberof ix
         * @classdesc Represents a CoreCommand.
         * @constructor
         * @param {ix.CoreCommand.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CoreCommand = function (properties) {
            this.flowGroups = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CoreCommand kind.
         * @member {ix.CommandKind} kind
         * @memberof ix.CoreCommand
         * @instance
         */
        CoreCommand.prototype.kind = 0;

        /**
         * CoreCommand flowGroups.
         * @member {Array.<number>} flowGroups
         * @memberof ix.CoreCommand
         * @instance
         */
        CoreCommand.prototype.flowGroups = $util.emptyArray;

        /**
         * CoreCommand targetCore.
         * @member {number} targetCore
         * @memberof ix.CoreCommand
         * @instance
         */
        CoreCommand.prototype.targetCore = 0;

        /**
         * CoreCommand migrationId.
         * @member {number} migrationId
         * @memberof ix.CoreCommand
         * @instance
         */
        CoreCommand.prototype.migrationId = 0;

        /**
         * CoreCommand value.
         * @member {number} value
         * @memberof ix.CoreCommand
         * @instance
         */
        CoreCommand.prototype.value = 0;

        /**
         * Encodes the specified CoreCommand message. Does not implicitly {@link ix.CoreCommand.verify|verify} messages.
         * @function encode
         * @memberof ix.CoreCommand
         * @static
         * @param {ix.CoreCommand.$Properties} message CoreCommand message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CoreCommand.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
            if (message.flowGroups != null && message.flowGroups.length)
                writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.flowGroups);
            if (message.targetCore != null && $Object.hasOwnProperty.call(message, "targetCore") && message.targetCore !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.targetCore);
            if (message.migrationId != null && $Object.hasOwnProperty.call(message, "migrationId") && !$Object.is(message.migrationId, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.migrationId);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).int32(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CoreCommand message from the specified reader or buffer.
         * @function decode
         * @memberof ix.CoreCommand
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.CoreCommand & ix.CoreCommand.$Shape} CoreCommand
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CoreCommand.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.CoreCommand();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.kind = value;
                        else
                            delete message.kind;
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.flowGroups && message.flowGroups.length))
                                message.flowGroups = [];
                            reader.uint32s(message.flowGroups);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.flowGroups && message.flowGroups.length))
                            message.flowGroups = [];
                        message.flowGroups.push(reader.uint32());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.targetCore = value;
                        else
                            delete message.targetCore;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.migrationId = value;
                        else
                            delete message.migrationId;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a CoreCommand message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.CoreCommand
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.CoreCommand} CoreCommand
         */
        CoreCommand.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.CoreCommand)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.CoreCommand: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.CoreCommand();
            if (object.kind !== 0 && (typeof object.kind !== "string" || $root.ix.CommandKind[object.kind] !== 0))
                switch (object.kind) {
                case "CMD_NONE":
                case 0:
                    message.kind = 0;
                    break;
                case "CMD_STATUS":
                case 1:
                    message.kind = 1;
                    break;
                case "CMD_ACTIVATE":
                case 2:
                    message.kind = 2;
                    break;
                case "CMD_PARK":
                case 3:
                    message.kind = 3;
                    break;
                case "CMD_MIGRATE":
                case 4:
                    message.kind = 4;
                    break;
                case "CMD_SET_BATCH":
                case 5:
                    message.kind = 5;
                    break;
                case "CMD_BACKGROUND":
                case 6:
                    message.kind = 6;
                    break;
                default:
                    if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                        message.kind = object.kind;
                }
            if (object.flowGroups) {
                if (!$Array.isArray(object.flowGroups))
                    throw $TypeError(".ix.CoreCommand.flowGroups: array expected");
                message.flowGroups = $Array(object.flowGroups.length);
                for (let i = 0; i < object.flowGroups.length; ++i)
                    message.flowGroups[i] = object.flowGroups[i] >>> 0;
            }
            if (object.targetCore != null)
                if ($Number(object.targetCore) !== 0)
                    message.targetCore = object.targetCore >>> 0;
            if (object.migrationId != null)
                if (!$Object.is($Number(object.migrationId), 0))
                    message.migrationId = $Number(object.migrationId);
            if (object.value != null)
                if ($Number(object.value) !== 0)
                    message.value = object.value | 0;
            return message;
        };

        /**
         * Creates a plain object from a CoreCommand message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.CoreCommand
         * @static
         * @param {ix.CoreCommand} message CoreCommand
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CoreCommand.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.flowGroups = [];
            if (options.defaults) {
                object.kind = options.enums === $String ? "CMD_NONE" : 0;
                object.targetCore = 0;
                object.migrationId = 0;
                object.value = 0;
            }
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                object.kind = options.enums === $String ? $root.ix.CommandKind[message.kind] === $undefined ? message.kind : $root.ix.CommandKind[message.kind] : message.kind;
            if (message.flowGroups && message.flowGroups.length) {
                object.flowGroups = $Array(message.flowGroups.length);
                for (let j = 0; j < message.flowGroups.length; ++j)
                    object.flowGroups[j] = message.flowGroups[j];
            }
            if (message.targetCore != null && $Object.hasOwnProperty.call(message, "targetCore"))
                object.targetCore = message.targetCore;
            if (message.migrationId != null && $Object.hasOwnProperty.call(message, "migrationId"))
                object.migrationId = options.json && !$isFinite(message.migrationId) ? $String(message.migrationId) : message.migrationId;
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                object.value = message.value;
            return object;
        };

        /**
         * Converts this CoreCommand to JSON.
         * @function toJSON
         * @memberof ix.CoreCommand
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CoreCommand.prototype.toJSON = function() {
            return CoreCommand.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CoreCommand
         * @function getTypeUrl
         * @memberof ix.CoreCommand
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CoreCommand.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.CoreCommand";
        };

        return CoreCommand;
    })();

    ix.CommandReply = (function() {

        /**
         * Properties of a CommandReply.
         * @typedef {Object} ix.CommandReply.$Properties
         * @property {boolean|null} [ok] CommandReply ok
         * @property {string|null} [error] CommandReply error
         * @property {number|null} [durationUs] CommandReply durationUs
         * @property {ix.CoreStatus.$Properties|null} [status] CommandReply status
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CommandReply.
         * @memberof ix
         * @interface ICommandReply
         * @augments ix.CommandReply.$Properties
         * @deprecated Use ix.CommandReply.$Properties instead.
         */

        /**
         * Shape of a CommandReply.
         * @typedef {ix.CommandReply.$Properties} ix.CommandReply.$Shape
         */

        /**
         * Constructs a new CommandReply.
         * @memberof ix
         * @classdesc Represents a CommandReply.
         * @constructor
         * @param {ix.CommandReply.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CommandReply = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CommandReply ok.
         * @member {boolean} ok
         * @memberof ix.CommandReply
         * @instance
         */
        CommandReply.prototype.ok = false;

        /**
         * CommandReply error.
         * @member {string} error
         * @memberof ix.CommandReply
         * @instance
         */
        CommandReply.prototype.error = "";

        /**
         * CommandReply durationUs.
         * @member {number} durationUs
         * @memberof ix.CommandReply
         * @instance
         */
        CommandReply.prototype.durationUs = 0;

        /**
         * CommandReply status.
         * @member {ix.CoreStatus.$Properties|null|undefined} status
         * @memberof ix.CommandReply
         * @instance
         */
        CommandReply.prototype.status = null;

        /**
         * Encodes the specified CommandReply message. Does not implicitly {@link ix.CommandReply.verify|verify} messages.
         * @function encode
         * @memberof ix.CommandReply
         * @static
         * @param {ix.CommandReply.$Properties} message CommandReply message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CommandReply.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                writer.uint32(/* id 1, wireType 0 =*/8).bool(message.ok);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.error);
            if (message.durationUs != null && $Object.hasOwnProperty.call(message, "durationUs") && !$Object.is(message.durationUs, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.durationUs);
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                $root.ix.CoreStatus.encode(message.status, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CommandReply message from the specified reader or buffer.
         * @function decode
         * @memberof ix.CommandReply
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.CommandReply & ix.CommandReply.$Shape} CommandReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CommandReply.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.CommandReply();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.ok = value;
                        else
                            delete message.ok;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.durationUs = value;
                        else
                            delete message.durationUs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.status = $root.ix.CoreStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.status);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a CommandReply message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.CommandReply
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.CommandReply} CommandReply
         */
        CommandReply.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.CommandReply)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.CommandReply: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.CommandReply();
            if (object.ok != null)
                if (object.ok)
                    message.ok = $Boolean(object.ok);
            if (object.error != null)
                if (typeof object.error !== "string" || object.error.length)
                    message.error = $String(object.error);
            if (object.durationUs != null)
                if (!$Object.is($Number(object.durationUs), 0))
                    message.durationUs = $Number(object.durationUs);
            if (object.status != null) {
                if (!$util.isObject(object.status))
                    throw $TypeError(".ix.CommandReply.status: object expected");
                message.status = $root.ix.CoreStatus.fromObject(object.status, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a CommandReply message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.CommandReply
         * @static
         * @param {ix.CommandReply} message CommandReply
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CommandReply.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.ok = false;
                object.error = "";
                object.durationUs = 0;
                object.status = null;
            }
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok"))
                object.ok = message.ok;
            if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                object.error = message.error;
            if (message.durationUs != null && $Object.hasOwnProperty.call(message, "durationUs"))
                object.durationUs = options.json && !$isFinite(message.durationUs) ? $String(message.durationUs) : message.durationUs;
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                object.status = $root.ix.CoreStatus.toObject(message.status, options, _depth + 1);
            return object;
        };

        /**
         * Converts this CommandReply to JSON.
         * @function toJSON
         * @memberof ix.CommandReply
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CommandReply.prototype.toJSON = function() {
            return CommandReply.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CommandReply
         * @function getTypeUrl
         * @memberof ix.CommandReply
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CommandReply.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.CommandReply";
        };

        return CommandReply;
    })();

    /**
     * MigrationStage enum.
     * @name ix.MigrationStage
     * @enum {number}
     * @property {number} MIG_NONE=0 MIG_NONE value
     * @property {number} MIG_START=1 MIG_START value
     * @property {number} MIG_FORWARD=2 MIG_FORWARD value
     * @property {number} MIG_READY=3 MIG_READY value
     */
    ix.MigrationStage = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "MIG_NONE"] = 0;
        values[valuesById[1] = "MIG_START"] = 1;
        values[valuesById[2] = "MIG_FORWARD"] = 2;
        values[valuesById[3] = "MIG_READY"] = 3;
        return values;
    })();

    ix.FlowGroupState = (function() {

        /**
         * Properties of a FlowGroupState.
         * @typedef {Object} ix.FlowGroupState.$Properties
         * @property {number|null} [flowGroup] FlowGroupState flowGroup
         * @property {Uint8Array|null} [state] FlowGroupState state
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FlowGroupState.
         * @memberof ix
         * @interface IFlowGroupState
         * @augments ix.FlowGroupState.$Properties
         * @deprecated Use ix.FlowGroupState.$Properties instead.
         */

        /**
         * Shape of a FlowGroupState.
         * @typedef {ix.FlowGroupState.$Properties} ix.FlowGroupState.$Shape
         */

        /**
         * Constructs a new FlowGroupState.
         * @memberof ix
         * @classdesc Represents a FlowGroupState.
         * @constructor
         * @param {ix.FlowGroupState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FlowGroupState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FlowGroupState flowGroup.
         * @member {number} flowGroup
         * @memberof ix.FlowGroupState
         * @instance
         */
        FlowGroupState.prototype.flowGroup = 0;

        /**
         * FlowGroupState state.
         * @member {Uint8Array} state
         * @memberof ix.FlowGroupState
         * @instance
         */
        FlowGroupState.prototype.state = $util.newBuffer([]);

        /**
         * Encodes the specified FlowGroupState message. Does not implicitly {@link ix.FlowGroupState.verify|verify} messages.
         * @function encode
         * @memberof ix.FlowGroupState
         * @static
         * @param {ix.FlowGroupState.$Properties} message FlowGroupState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FlowGroupState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.flowGroup != null && $Object.hasOwnProperty.call(message, "flowGroup") && message.flowGroup !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.flowGroup);
            if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.state);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FlowGroupState message from the specified reader or buffer.
         * @function decode
         * @memberof ix.FlowGroupState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.FlowGroupState & ix.FlowGroupState.$Shape} FlowGroupState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FlowGroupState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.FlowGroupState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.flowGroup = value;
                        else
                            delete message.flowGroup;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.state = value;
                        else
                            delete message.state;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FlowGroupState message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.FlowGroupState
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.FlowGroupState} FlowGroupState
         */
        FlowGroupState.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.FlowGroupState)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.FlowGroupState: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.FlowGroupState();
            if (object.flowGroup != null)
                if ($Number(object.flowGroup) !== 0)
                    message.flowGroup = object.flowGroup >>> 0;
            if (object.state != null)
                if (object.state.length)
                    if (typeof object.state === "string")
                        $util.base64.decode(object.state, message.state = $util.newBuffer($util.base64.length(object.state)), 0);
                    else if (object.state.length >= 0)
                        message.state = object.state;
            return message;
        };

        /**
         * Creates a plain object from a FlowGroupState message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.FlowGroupState
         * @static
         * @param {ix.FlowGroupState} message FlowGroupState
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FlowGroupState.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.flowGroup = 0;
                if (options.bytes === $String)
                    object.state = "";
                else {
                    object.state = [];
                    if (options.bytes !== $Array)
                        object.state = $util.newBuffer(object.state);
                }
            }
            if (message.flowGroup != null && $Object.hasOwnProperty.call(message, "flowGroup"))
                object.flowGroup = message.flowGroup;
            if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                object.state = options.bytes === $String ? $util.base64.encode(message.state, 0, message.state.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.state) : message.state;
            return object;
        };

        /**
         * Converts this FlowGroupState to JSON.
         * @function toJSON
         * @memberof ix.FlowGroupState
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FlowGroupState.prototype.toJSON = function() {
            return FlowGroupState.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for FlowGroupState
         * @function getTypeUrl
         * @memberof ix.FlowGroupState
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        FlowGroupState.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.FlowGroupState";
        };

        return FlowGroupState;
    })();

    ix.Migration = (function() {

        /**
         * Properties of a Migration.
         * @typedef {Object} ix.Migration.$Properties
         * @property {ix.MigrationStage|null} [stage] Migration stage
         * @property {number|null} [migrationId] Migration migrationId
         * @property {number|null} [sourceCore] Migration sourceCore
         * @property {number|null} [targetCore] Migration targetCore
         * @property {Array.<number>|null} [flowGroups] Migration flowGroups
         * @property {Array.<ix.FlowGroupState.$Properties>|null} [states] Migration states
         * @property {Array.<ix.Frame.$Properties>|null} [frames] Migration frames
         * @property {number|null} [startedUs] Migration startedUs
         * @property {number|null} [sourceEventSeq] Migration sourceEventSeq
         * @property {number|null} [sourceEventSession] Migration sourceEventSession
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Migration.
         * @memberof ix
         * @interface IMigration
         * @augments ix.Migration.$Properties
         * @deprecated Use ix.Migration.$Properties instead.
         */

        /**
         * Shape of a Migration.
         * @typedef {ix.Migration.$Properties} ix.Migration.$Shape
         */

        /**
         * Constructs a new Migration.
         * @memberof ix
         * @classdesc Represents a Migration.
         * @constructor
         * @param {ix.Migration.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Migration = function (properties) {
            this.flowGroups = [];
            this.states = [];
            this.frames = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Migration stage.
         * @member {ix.MigrationStage} stage
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.stage = 0;

        /**
         * Migration migrationId.
         * @member {number} migrationId
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.migrationId = 0;

        /**
         * Migration sourceCore.
         * @member {number} sourceCore
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.sourceCore = 0;

        /**
         * Migration targetCore.
         * @member {number} targetCore
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.targetCore = 0;

        /**
         * Migration flowGroups.
         * @member {Array.<number>} flowGroups
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.flowGroups = $util.emptyArray;

        /**
         * Migration states.
         * @member {Array.<ix.FlowGroupState.$Properties>} states
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.states = $util.emptyArray;

        /**
         * Migration frames.
         * @member {Array.<ix.Frame.$Properties>} frames
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.frames = $util.emptyArray;

        /**
         * Migration startedUs.
         * @member {number} startedUs
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.startedUs = 0;

        /**
         * Migration sourceEventSeq.
         * @member {number} sourceEventSeq
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.sourceEventSeq = 0;

        /**
         * Migration sourceEventSession.
         * @member {number} sourceEventSession
         * @memberof ix.Migration
         * @instance
         */
        Migration.prototype.sourceEventSession = 0;

        /**
         * Encodes the specified Migration message. Does not implicitly {@link ix.Migration.verify|verify} messages.
         * @function encode
         * @memberof ix.Migration
         * @static
         * @param {ix.Migration.$Properties} message Migration message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Migration.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.stage != null && $Object.hasOwnProperty.call(message, "stage") && message.stage !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.stage);
            if (message.migrationId != null && $Object.hasOwnProperty.call(message, "migrationId") && !$Object.is(message.migrationId, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.migrationId);
            if (message.sourceCore != null && $Object.hasOwnProperty.call(message, "sourceCore") && message.sourceCore !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.sourceCore);
            if (message.targetCore != null && $Object.hasOwnProperty.call(message, "targetCore") && message.targetCore !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.targetCore);
            if (message.flowGroups != null && message.flowGroups.length)
                writer.uint32(/* id 5, wireType 2 =*/42).uint32s(message.flowGroups);
            if (message.states != null && message.states.length)
                for (let i = 0; i < message.states.length; ++i)
                    $root.ix.FlowGroupState.encode(message.states[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.frames != null && message.frames.length)
                for (let i = 0; i < message.frames.length; ++i)
                    $root.ix.Frame.encode(message.frames[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
            if (message.startedUs != null && $Object.hasOwnProperty.call(message, "startedUs") && !$Object.is(message.startedUs, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.startedUs);
            if (message.sourceEventSeq != null && $Object.hasOwnProperty.call(message, "sourceEventSeq") && !$Object.is(message.sourceEventSeq, 0))
                writer.uint32(/* id 9, wireType 1 =*/73).double(message.sourceEventSeq);
            if (message.sourceEventSession != null && $Object.hasOwnProperty.call(message, "sourceEventSession") && !$Object.is(message.sourceEventSession, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.sourceEventSession);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Migration message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Migration
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Migration & ix.Migration.$Shape} Migration
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Migration.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Migration();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.stage = value;
                        else
                            delete message.stage;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.migrationId = value;
                        else
                            delete message.migrationId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.sourceCore = value;
                        else
                            delete message.sourceCore;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.targetCore = value;
                        else
                            delete message.targetCore;
                        continue;
                    }
                case 5: {
                        if (wireType === 2) {
                            if (!(message.flowGroups && message.flowGroups.length))
                                message.flowGroups = [];
                            reader.uint32s(message.flowGroups);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.flowGroups && message.flowGroups.length))
                            message.flowGroups = [];
                        message.flowGroups.push(reader.uint32());
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.states && message.states.length))
                            message.states = [];
                        message.states.push($root.ix.FlowGroupState.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if (!(message.frames && message.frames.length))
                            message.frames = [];
                        message.frames.push($root.ix.Frame.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.startedUs = value;
                        else
                            delete message.startedUs;
                        continue;
                    }
                case 9: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.sourceEventSeq = value;
                        else
                            delete message.sourceEventSeq;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.sourceEventSession = value;
                        else
                            delete message.sourceEventSession;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Migration message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Migration
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Migration} Migration
         */
        Migration.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Migration)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Migration: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Migration();
            if (object.stage !== 0 && (typeof object.stage !== "string" || $root.ix.MigrationStage[object.stage] !== 0))
                switch (object.stage) {
                case "MIG_NONE":
                case 0:
                    message.stage = 0;
                    break;
                case "MIG_START":
                case 1:
                    message.stage = 1;
                    break;
                case "MIG_FORWARD":
                case 2:
                    message.stage = 2;
                    break;
                case "MIG_READY":
                case 3:
                    message.stage = 3;
                    break;
                default:
                    if (typeof object.stage === "number" && (object.stage | 0) === object.stage)
                        message.stage = object.stage;
                }
            if (object.migrationId != null)
                if (!$Object.is($Number(object.migrationId), 0))
                    message.migrationId = $Number(object.migrationId);
            if (object.sourceCore != null)
                if ($Number(object.sourceCore) !== 0)
                    message.sourceCore = object.sourceCore >>> 0;
            if (object.targetCore != null)
                if ($Number(object.targetCore) !== 0)
                    message.targetCore = object.targetCore >>> 0;
            if (object.flowGroups) {
                if (!$Array.isArray(object.flowGroups))
                    throw $TypeError(".ix.Migration.flowGroups: array expected");
                message.flowGroups = $Array(object.flowGroups.length);
                for (let i = 0; i < object.flowGroups.length; ++i)
                    message.flowGroups[i] = object.flowGroups[i] >>> 0;
            }
            if (object.states) {
                if (!$Array.isArray(object.states))
                    throw $TypeError(".ix.Migration.states: array expected");
                message.states = $Array(object.states.length);
                for (let i = 0; i < object.states.length; ++i) {
                    if (!$util.isObject(object.states[i]))
                        throw $TypeError(".ix.Migration.states: object expected");
                    message.states[i] = $root.ix.FlowGroupState.fromObject(object.states[i], _depth + 1);
                }
            }
            if (object.frames) {
                if (!$Array.isArray(object.frames))
                    throw $TypeError(".ix.Migration.frames: array expected");
                message.frames = $Array(object.frames.length);
                for (let i = 0; i < object.frames.length; ++i) {
                    if (!$util.isObject(object.frames[i]))
                        throw $TypeError(".ix.Migration.frames: object expected");
                    message.frames[i] = $root.ix.Frame.fromObject(object.frames[i], _depth + 1);
                }
            }
            if (object.startedUs != null)
                if (!$Object.is($Number(object.startedUs), 0))
                    message.startedUs = $Number(object.startedUs);
            if (object.sourceEventSeq != null)
                if (!$Object.is($Number(object.sourceEventSeq), 0))
                    message.sourceEventSeq = $Number(object.sourceEventSeq);
            if (object.sourceEventSession != null)
                if (!$Object.is($Number(object.sourceEventSession), 0))
                    message.sourceEventSession = $Number(object.sourceEventSession);
            return message;
        };

        /**
         * Creates a plain object from a Migration message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Migration
         * @static
         * @param {ix.Migration} message Migration
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Migration.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.flowGroups = [];
                object.states = [];
                object.frames = [];
            }
            if (options.defaults) {
                object.stage = options.enums === $String ? "MIG_NONE" : 0;
                object.migrationId = 0;
                object.sourceCore = 0;
                object.targetCore = 0;
                object.startedUs = 0;
                object.sourceEventSeq = 0;
                object.sourceEventSession = 0;
            }
            if (message.stage != null && $Object.hasOwnProperty.call(message, "stage"))
                object.stage = options.enums === $String ? $root.ix.MigrationStage[message.stage] === $undefined ? message.stage : $root.ix.MigrationStage[message.stage] : message.stage;
            if (message.migrationId != null && $Object.hasOwnProperty.call(message, "migrationId"))
                object.migrationId = options.json && !$isFinite(message.migrationId) ? $String(message.migrationId) : message.migrationId;
            if (message.sourceCore != null && $Object.hasOwnProperty.call(message, "sourceCore"))
                object.sourceCore = message.sourceCore;
            if (message.targetCore != null && $Object.hasOwnProperty.call(message, "targetCore"))
                object.targetCore = message.targetCore;
            if (message.flowGroups && message.flowGroups.length) {
                object.flowGroups = $Array(message.flowGroups.length);
                for (let j = 0; j < message.flowGroups.length; ++j)
                    object.flowGroups[j] = message.flowGroups[j];
            }
            if (message.states && message.states.length) {
                object.states = $Array(message.states.length);
                for (let j = 0; j < message.states.length; ++j)
                    object.states[j] = $root.ix.FlowGroupState.toObject(message.states[j], options, _depth + 1);
            }
            if (message.frames && message.frames.length) {
                object.frames = $Array(message.frames.length);
                for (let j = 0; j < message.frames.length; ++j)
                    object.frames[j] = $root.ix.Frame.toObject(message.frames[j], options, _depth + 1);
            }
            if (message.startedUs != null && $Object.hasOwnProperty.call(message, "startedUs"))
                object.startedUs = options.json && !$isFinite(message.startedUs) ? $String(message.startedUs) : message.startedUs;
            if (message.sourceEventSeq != null && $Object.hasOwnProperty.call(message, "sourceEventSeq"))
                object.sourceEventSeq = options.json && !$isFinite(message.sourceEventSeq) ? $String(message.sourceEventSeq) : message.sourceEventSeq;
            if (message.sourceEventSession != null && $Object.hasOwnProperty.call(message, "sourceEventSession"))
                object.sourceEventSession = options.json && !$isFinite(message.sourceEventSession) ? $String(message.sourceEventSession) : message.sourceEventSession;
            return object;
        };

        /**
         * Converts this Migration to JSON.
         * @function toJSON
         * @memberof ix.Migration
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Migration.prototype.toJSON = function() {
            return Migration.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Migration
         * @function getTypeUrl
         * @memberof ix.Migration
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Migration.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Migration";
        };

        return Migration;
    })();

    ix.Reta = (function() {

        /**
         * Properties of a Reta.
         * @typedef {Object} ix.Reta.$Properties
         * @property {Array.<number>|null} [queues] Reta queues
         * @property {Uint8Array|null} [rssKey] Reta rssKey
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Reta.
         * @memberof ix
         * @interface IReta
         * @augments ix.Reta.$Properties
         * @deprecated Use ix.Reta.$Properties instead.
         */

        /**
         * Shape of a Reta.
         * @typedef {ix.Reta.$Properties} ix.Reta.$Shape
         */

        /**
         * Constructs a new Reta.
         * @memberof ix
         * @classdesc Represents a Reta.
         * @constructor
         * @param {ix.Reta.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Reta = function (properties) {
            this.queues = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Reta queues.
         * @member {Array.<number>} queues
         * @memberof ix.Reta
         * @instance
         */
        Reta.prototype.queues = $util.emptyArray;

        /**
         * Reta rssKey.
         * @member {Uint8Array} rssKey
         * @memberof ix.Reta
         * @instance
         */
        Reta.prototype.rssKey = $util.newBuffer([]);

        /**
         * Encodes the specified Reta message. Does not implicitly {@link ix.Reta.verify|verify} messages.
         * @function encode
         * @memberof ix.Reta
         * @static
         * @param {ix.Reta.$Properties} message Reta message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Reta.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.queues != null && message.queues.length)
                writer.uint32(/* id 1, wireType 2 =*/10).uint32s(message.queues);
            if (message.rssKey != null && $Object.hasOwnProperty.call(message, "rssKey") && message.rssKey.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.rssKey);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Reta message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Reta
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Reta & ix.Reta.$Shape} Reta
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Reta.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Reta();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.queues && message.queues.length))
                                message.queues = [];
                            reader.uint32s(message.queues);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.queues && message.queues.length))
                            message.queues = [];
                        message.queues.push(reader.uint32());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.rssKey = value;
                        else
                            delete message.rssKey;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Reta message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Reta
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Reta} Reta
         */
        Reta.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Reta)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Reta: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Reta();
            if (object.queues) {
                if (!$Array.isArray(object.queues))
                    throw $TypeError(".ix.Reta.queues: array expected");
                message.queues = $Array(object.queues.length);
                for (let i = 0; i < object.queues.length; ++i)
                    message.queues[i] = object.queues[i] >>> 0;
            }
            if (object.rssKey != null)
                if (object.rssKey.length)
                    if (typeof object.rssKey === "string")
                        $util.base64.decode(object.rssKey, message.rssKey = $util.newBuffer($util.base64.length(object.rssKey)), 0);
                    else if (object.rssKey.length >= 0)
                        message.rssKey = object.rssKey;
            return message;
        };

        /**
         * Creates a plain object from a Reta message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Reta
         * @static
         * @param {ix.Reta} message Reta
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Reta.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.queues = [];
            if (options.defaults)
                if (options.bytes === $String)
                    object.rssKey = "";
                else {
                    object.rssKey = [];
                    if (options.bytes !== $Array)
                        object.rssKey = $util.newBuffer(object.rssKey);
                }
            if (message.queues && message.queues.length) {
                object.queues = $Array(message.queues.length);
                for (let j = 0; j < message.queues.length; ++j)
                    object.queues[j] = message.queues[j];
            }
            if (message.rssKey != null && $Object.hasOwnProperty.call(message, "rssKey"))
                object.rssKey = options.bytes === $String ? $util.base64.encode(message.rssKey, 0, message.rssKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.rssKey) : message.rssKey;
            return object;
        };

        /**
         * Converts this Reta to JSON.
         * @function toJSON
         * @memberof ix.Reta
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Reta.prototype.toJSON = function() {
            return Reta.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Reta
         * @function getTypeUrl
         * @memberof ix.Reta
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Reta.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Reta";
        };

        return Reta;
    })();

    ix.RetaUpdate = (function() {

        /**
         * Properties of a RetaUpdate.
         * @typedef {Object} ix.RetaUpdate.$Properties
         * @property {Array.<number>|null} [flowGroups] RetaUpdate flowGroups
         * @property {number|null} [queue] RetaUpdate queue
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RetaUpdate.
         * @memberof ix
         * @interface IRetaUpdate
         * @augments ix.RetaUpdate.$Properties
         * @deprecated Use ix.RetaUpdate.$Properties instead.
         */

        /**
         * Shape of a RetaUpdate.
         * @typedef {ix.RetaUpdate.$Properties} ix.RetaUpdate.$Shape
         */

        /**
         * Constructs a new RetaUpdate.
         * @memberof ix
         * @classdesc Represents a RetaUpdate.
         * @constructor
         * @param {ix.RetaUpdate.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RetaUpdate = function (properties) {
            this.flowGroups = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RetaUpdate flowGroups.
         * @member {Array.<number>} flowGroups
         * @memberof ix.RetaUpdate
         * @instance
         */
        RetaUpdate.prototype.flowGroups = $util.emptyArray;

        /**
         * RetaUpdate queue.
         * @member {number} queue
         * @memberof ix.RetaUpdate
         * @instance
         */
        RetaUpdate.prototype.queue = 0;

        /**
         * Encodes the specified RetaUpdate message. Does not implicitly {@link ix.RetaUpdate.verify|verify} messages.
         * @function encode
         * @memberof ix.RetaUpdate
         * @static
         * @param {ix.RetaUpdate.$Properties} message RetaUpdate message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RetaUpdate.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.flowGroups != null && message.flowGroups.length)
                writer.uint32(/* id 1, wireType 2 =*/10).uint32s(message.flowGroups);
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.queue);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RetaUpdate message from the specified reader or buffer.
         * @function decode
         * @memberof ix.RetaUpdate
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.RetaUpdate & ix.RetaUpdate.$Shape} RetaUpdate
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RetaUpdate.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.RetaUpdate();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.flowGroups && message.flowGroups.length))
                                message.flowGroups = [];
                            reader.uint32s(message.flowGroups);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.flowGroups && message.flowGroups.length))
                            message.flowGroups = [];
                        message.flowGroups.push(reader.uint32());
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.queue = value;
                        else
                            delete message.queue;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a RetaUpdate message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.RetaUpdate
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.RetaUpdate} RetaUpdate
         */
        RetaUpdate.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.RetaUpdate)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.RetaUpdate: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.RetaUpdate();
            if (object.flowGroups) {
                if (!$Array.isArray(object.flowGroups))
                    throw $TypeError(".ix.RetaUpdate.flowGroups: array expected");
                message.flowGroups = $Array(object.flowGroups.length);
                for (let i = 0; i < object.flowGroups.length; ++i)
                    message.flowGroups[i] = object.flowGroups[i] >>> 0;
            }
            if (object.queue != null)
                if ($Number(object.queue) !== 0)
                    message.queue = object.queue >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a RetaUpdate message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.RetaUpdate
         * @static
         * @param {ix.RetaUpdate} message RetaUpdate
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        RetaUpdate.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.flowGroups = [];
            if (options.defaults)
                object.queue = 0;
            if (message.flowGroups && message.flowGroups.length) {
                object.flowGroups = $Array(message.flowGroups.length);
                for (let j = 0; j < message.flowGroups.length; ++j)
                    object.flowGroups[j] = message.flowGroups[j];
            }
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue"))
                object.queue = message.queue;
            return object;
        };

        /**
         * Converts this RetaUpdate to JSON.
         * @function toJSON
         * @memberof ix.RetaUpdate
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        RetaUpdate.prototype.toJSON = function() {
            return RetaUpdate.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for RetaUpdate
         * @function getTypeUrl
         * @memberof ix.RetaUpdate
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RetaUpdate.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.RetaUpdate";
        };

        return RetaUpdate;
    })();

    ix.FaultSettings = (function() {

        /**
         * Properties of a FaultSettings.
         * @typedef {Object} ix.FaultSettings.$Properties
         * @property {string|null} [direction] FaultSettings direction
         * @property {number|null} [loss] FaultSettings loss
         * @property {number|null} [duplicate] FaultSettings duplicate
         * @property {number|null} [reorder] FaultSettings reorder
         * @property {number|null} [corrupt] FaultSettings corrupt
         * @property {number|null} [delayUs] FaultSettings delayUs
         * @property {number|null} [jitterUs] FaultSettings jitterUs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FaultSettings.
         * @memberof ix
         * @interface IFaultSettings
         * @augments ix.FaultSettings.$Properties
         * @deprecated Use ix.FaultSettings.$Properties instead.
         */

        /**
         * Shape of a FaultSettings.
         * @typedef {ix.FaultSettings.$Properties} ix.FaultSettings.$Shape
         */

        /**
         * Constructs a new FaultSettings.
         * @memberof ix
         * @classdesc Represents a FaultSettings.
         * @constructor
         * @param {ix.FaultSettings.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FaultSettings = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FaultSettings direction.
         * @member {string} direction
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.direction = "";

        /**
         * FaultSettings loss.
         * @member {number} loss
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.loss = 0;

        /**
         * FaultSettings duplicate.
         * @member {number} duplicate
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.duplicate = 0;

        /**
         * FaultSettings reorder.
         * @member {number} reorder
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.reorder = 0;

        /**
         * FaultSettings corrupt.
         * @member {number} corrupt
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.corrupt = 0;

        /**
         * FaultSettings delayUs.
         * @member {number} delayUs
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.delayUs = 0;

        /**
         * FaultSettings jitterUs.
         * @member {number} jitterUs
         * @memberof ix.FaultSettings
         * @instance
         */
        FaultSettings.prototype.jitterUs = 0;

        /**
         * Encodes the specified FaultSettings message. Does not implicitly {@link ix.FaultSettings.verify|verify} messages.
         * @function encode
         * @memberof ix.FaultSettings
         * @static
         * @param {ix.FaultSettings.$Properties} message FaultSettings message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FaultSettings.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.direction);
            if (message.loss != null && $Object.hasOwnProperty.call(message, "loss") && !$Object.is(message.loss, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.loss);
            if (message.duplicate != null && $Object.hasOwnProperty.call(message, "duplicate") && !$Object.is(message.duplicate, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.duplicate);
            if (message.reorder != null && $Object.hasOwnProperty.call(message, "reorder") && !$Object.is(message.reorder, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.reorder);
            if (message.corrupt != null && $Object.hasOwnProperty.call(message, "corrupt") && !$Object.is(message.corrupt, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.corrupt);
            if (message.delayUs != null && $Object.hasOwnProperty.call(message, "delayUs") && !$Object.is(message.delayUs, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.delayUs);
            if (message.jitterUs != null && $Object.hasOwnProperty.call(message, "jitterUs") && !$Object.is(message.jitterUs, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.jitterUs);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FaultSettings message from the specified reader or buffer.
         * @function decode
         * @memberof ix.FaultSettings
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.FaultSettings & ix.FaultSettings.$Shape} FaultSettings
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FaultSettings.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.FaultSettings();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.direction = value;
                        else
                            delete message.direction;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.loss = value;
                        else
                            delete message.loss;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.duplicate = value;
                        else
                            delete message.duplicate;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.reorder = value;
                        else
                            delete message.reorder;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.corrupt = value;
                        else
                            delete message.corrupt;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.delayUs = value;
                        else
                            delete message.delayUs;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.jitterUs = value;
                        else
                            delete message.jitterUs;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FaultSettings message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.FaultSettings
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.FaultSettings} FaultSettings
         */
        FaultSettings.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.FaultSettings)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.FaultSettings: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.FaultSettings();
            if (object.direction != null)
                if (typeof object.direction !== "string" || object.direction.length)
                    message.direction = $String(object.direction);
            if (object.loss != null)
                if (!$Object.is($Number(object.loss), 0))
                    message.loss = $Number(object.loss);
            if (object.duplicate != null)
                if (!$Object.is($Number(object.duplicate), 0))
                    message.duplicate = $Number(object.duplicate);
            if (object.reorder != null)
                if (!$Object.is($Number(object.reorder), 0))
                    message.reorder = $Number(object.reorder);
            if (object.corrupt != null)
                if (!$Object.is($Number(object.corrupt), 0))
                    message.corrupt = $Number(object.corrupt);
            if (object.delayUs != null)
                if (!$Object.is($Number(object.delayUs), 0))
                    message.delayUs = $Number(object.delayUs);
            if (object.jitterUs != null)
                if (!$Object.is($Number(object.jitterUs), 0))
                    message.jitterUs = $Number(object.jitterUs);
            return message;
        };

        /**
         * Creates a plain object from a FaultSettings message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.FaultSettings
         * @static
         * @param {ix.FaultSettings} message FaultSettings
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FaultSettings.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.direction = "";
                object.loss = 0;
                object.duplicate = 0;
                object.reorder = 0;
                object.corrupt = 0;
                object.delayUs = 0;
                object.jitterUs = 0;
            }
            if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                object.direction = message.direction;
            if (message.loss != null && $Object.hasOwnProperty.call(message, "loss"))
                object.loss = options.json && !$isFinite(message.loss) ? $String(message.loss) : message.loss;
            if (message.duplicate != null && $Object.hasOwnProperty.call(message, "duplicate"))
                object.duplicate = options.json && !$isFinite(message.duplicate) ? $String(message.duplicate) : message.duplicate;
            if (message.reorder != null && $Object.hasOwnProperty.call(message, "reorder"))
                object.reorder = options.json && !$isFinite(message.reorder) ? $String(message.reorder) : message.reorder;
            if (message.corrupt != null && $Object.hasOwnProperty.call(message, "corrupt"))
                object.corrupt = options.json && !$isFinite(message.corrupt) ? $String(message.corrupt) : message.corrupt;
            if (message.delayUs != null && $Object.hasOwnProperty.call(message, "delayUs"))
                object.delayUs = options.json && !$isFinite(message.delayUs) ? $String(message.delayUs) : message.delayUs;
            if (message.jitterUs != null && $Object.hasOwnProperty.call(message, "jitterUs"))
                object.jitterUs = options.json && !$isFinite(message.jitterUs) ? $String(message.jitterUs) : message.jitterUs;
            return object;
        };

        /**
         * Converts this FaultSettings to JSON.
         * @function toJSON
         * @memberof ix.FaultSettings
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FaultSettings.prototype.toJSON = function() {
            return FaultSettings.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for FaultSettings
         * @function getTypeUrl
         * @memberof ix.FaultSettings
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        FaultSettings.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.FaultSettings";
        };

        return FaultSettings;
    })();

    ix.FaultState = (function() {

        /**
         * Properties of a FaultState.
         * @typedef {Object} ix.FaultState.$Properties
         * @property {ix.FaultSettings.$Properties|null} ["in"] FaultState in
         * @property {ix.FaultSettings.$Properties|null} [out] FaultState out
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FaultState.
         * @memberof ix
         * @interface IFaultState
         * @augments ix.FaultState.$Properties
         * @deprecated Use ix.FaultState.$Properties instead.
         */

        /**
         * Shape of a FaultState.
         * @typedef {ix.FaultState.$Properties} ix.FaultState.$Shape
         */

        /**
         * Constructs a new FaultState.
         * @memberof ix
         * @classdesc Represents a FaultState.
         * @constructor
         * @param {ix.FaultState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FaultState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FaultState in.
         * @member {ix.FaultSettings.$Properties|null|undefined} in
         * @memberof ix.FaultState
         * @instance
         */
        FaultState.prototype["in"] = null;

        /**
         * FaultState out.
         * @member {ix.FaultSettings.$Properties|null|undefined} out
         * @memberof ix.FaultState
         * @instance
         */
        FaultState.prototype.out = null;

        /**
         * Encodes the specified FaultState message. Does not implicitly {@link ix.FaultState.verify|verify} messages.
         * @function encode
         * @memberof ix.FaultState
         * @static
         * @param {ix.FaultState.$Properties} message FaultState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FaultState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message["in"] != null && $Object.hasOwnProperty.call(message, "in"))
                $root.ix.FaultSettings.encode(message["in"], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.out != null && $Object.hasOwnProperty.call(message, "out"))
                $root.ix.FaultSettings.encode(message.out, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FaultState message from the specified reader or buffer.
         * @function decode
         * @memberof ix.FaultState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.FaultState & ix.FaultState.$Shape} FaultState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FaultState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.FaultState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message["in"] = $root.ix.FaultSettings.decode(reader, reader.size(), $undefined, _depth + 1, message["in"]);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.out = $root.ix.FaultSettings.decode(reader, reader.size(), $undefined, _depth + 1, message.out);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FaultState message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.FaultState
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.FaultState} FaultState
         */
        FaultState.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.FaultState)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.FaultState: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.FaultState();
            if (object["in"] != null) {
                if (!$util.isObject(object["in"]))
                    throw $TypeError(".ix.FaultState.in: object expected");
                message["in"] = $root.ix.FaultSettings.fromObject(object["in"], _depth + 1);
            }
            if (object.out != null) {
                if (!$util.isObject(object.out))
                    throw $TypeError(".ix.FaultState.out: object expected");
                message.out = $root.ix.FaultSettings.fromObject(object.out, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a FaultState message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.FaultState
         * @static
         * @param {ix.FaultState} message FaultState
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FaultState.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object["in"] = null;
                object.out = null;
            }
            if (message["in"] != null && $Object.hasOwnProperty.call(message, "in"))
                object["in"] = $root.ix.FaultSettings.toObject(message["in"], options, _depth + 1);
            if (message.out != null && $Object.hasOwnProperty.call(message, "out"))
                object.out = $root.ix.FaultSettings.toObject(message.out, options, _depth + 1);
            return object;
        };

        /**
         * Converts this FaultState to JSON.
         * @function toJSON
         * @memberof ix.FaultState
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FaultState.prototype.toJSON = function() {
            return FaultState.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for FaultState
         * @function getTypeUrl
         * @memberof ix.FaultState
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        FaultState.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.FaultState";
        };

        return FaultState;
    })();

    ix.CaptureRequest = (function() {

        /**
         * Properties of a CaptureRequest.
         * @typedef {Object} ix.CaptureRequest.$Properties
         * @property {string|null} [target] CaptureRequest target
         * @property {number|null} [frames] CaptureRequest frames
         * @property {number|null} [durationMs] CaptureRequest durationMs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CaptureRequest.
         * @memberof ix
         * @interface ICaptureRequest
         * @augments ix.CaptureRequest.$Properties
         * @deprecated Use ix.CaptureRequest.$Properties instead.
         */

        /**
         * Shape of a CaptureRequest.
         * @typedef {ix.CaptureRequest.$Properties} ix.CaptureRequest.$Shape
         */

        /**
         * Constructs a new CaptureRequest.
         * @memberof ix
         * @classdesc Represents a CaptureRequest.
         * @constructor
         * @param {ix.CaptureRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CaptureRequest = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CaptureRequest target.
         * @member {string} target
         * @memberof ix.CaptureRequest
         * @instance
         */
        CaptureRequest.prototype.target = "";

        /**
         * CaptureRequest frames.
         * @member {number} frames
         * @memberof ix.CaptureRequest
         * @instance
         */
        CaptureRequest.prototype.frames = 0;

        /**
         * CaptureRequest durationMs.
         * @member {number} durationMs
         * @memberof ix.CaptureRequest
         * @instance
         */
        CaptureRequest.prototype.durationMs = 0;

        /**
         * Encodes the specified CaptureRequest message. Does not implicitly {@link ix.CaptureRequest.verify|verify} messages.
         * @function encode
         * @memberof ix.CaptureRequest
         * @static
         * @param {ix.CaptureRequest.$Properties} message CaptureRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CaptureRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.target);
            if (message.frames != null && $Object.hasOwnProperty.call(message, "frames") && message.frames !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.frames);
            if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && message.durationMs !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.durationMs);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CaptureRequest message from the specified reader or buffer.
         * @function decode
         * @memberof ix.CaptureRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.CaptureRequest & ix.CaptureRequest.$Shape} CaptureRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CaptureRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.CaptureRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.target = value;
                        else
                            delete message.target;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.frames = value;
                        else
                            delete message.frames;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.durationMs = value;
                        else
                            delete message.durationMs;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a CaptureRequest message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.CaptureRequest
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.CaptureRequest} CaptureRequest
         */
        CaptureRequest.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.CaptureRequest)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.CaptureRequest: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.CaptureRequest();
            if (object.target != null)
                if (typeof object.target !== "string" || object.target.length)
                    message.target = $String(object.target);
            if (object.frames != null)
                if ($Number(object.frames) !== 0)
                    message.frames = object.frames >>> 0;
            if (object.durationMs != null)
                if ($Number(object.durationMs) !== 0)
                    message.durationMs = object.durationMs >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a CaptureRequest message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.CaptureRequest
         * @static
         * @param {ix.CaptureRequest} message CaptureRequest
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CaptureRequest.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.target = "";
                object.frames = 0;
                object.durationMs = 0;
            }
            if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                object.target = message.target;
            if (message.frames != null && $Object.hasOwnProperty.call(message, "frames"))
                object.frames = message.frames;
            if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                object.durationMs = message.durationMs;
            return object;
        };

        /**
         * Converts this CaptureRequest to JSON.
         * @function toJSON
         * @memberof ix.CaptureRequest
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CaptureRequest.prototype.toJSON = function() {
            return CaptureRequest.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CaptureRequest
         * @function getTypeUrl
         * @memberof ix.CaptureRequest
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CaptureRequest.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.CaptureRequest";
        };

        return CaptureRequest;
    })();

    ix.CaptureReply = (function() {

        /**
         * Properties of a CaptureReply.
         * @typedef {Object} ix.CaptureReply.$Properties
         * @property {boolean|null} [ok] CaptureReply ok
         * @property {string|null} [error] CaptureReply error
         * @property {Uint8Array|null} [pcap] CaptureReply pcap
         * @property {number|null} [frames] CaptureReply frames
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CaptureReply.
         * @memberof ix
         * @interface ICaptureReply
         * @augments ix.CaptureReply.$Properties
         * @deprecated Use ix.CaptureReply.$Properties instead.
         */

        /**
         * Shape of a CaptureReply.
         * @typedef {ix.CaptureReply.$Properties} ix.CaptureReply.$Shape
         */

        /**
         * Constructs a new CaptureReply.
         * @memberof ix
         * @classdesc Represents a CaptureReply.
         * @constructor
         * @param {ix.CaptureReply.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CaptureReply = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CaptureReply ok.
         * @member {boolean} ok
         * @memberof ix.CaptureReply
         * @instance
         */
        CaptureReply.prototype.ok = false;

        /**
         * CaptureReply error.
         * @member {string} error
         * @memberof ix.CaptureReply
         * @instance
         */
        CaptureReply.prototype.error = "";

        /**
         * CaptureReply pcap.
         * @member {Uint8Array} pcap
         * @memberof ix.CaptureReply
         * @instance
         */
        CaptureReply.prototype.pcap = $util.newBuffer([]);

        /**
         * CaptureReply frames.
         * @member {number} frames
         * @memberof ix.CaptureReply
         * @instance
         */
        CaptureReply.prototype.frames = 0;

        /**
         * Encodes the specified CaptureReply message. Does not implicitly {@link ix.CaptureReply.verify|verify} messages.
         * @function encode
         * @memberof ix.CaptureReply
         * @static
         * @param {ix.CaptureReply.$Properties} message CaptureReply message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CaptureReply.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                writer.uint32(/* id 1, wireType 0 =*/8).bool(message.ok);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.error);
            if (message.pcap != null && $Object.hasOwnProperty.call(message, "pcap") && message.pcap.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.pcap);
            if (message.frames != null && $Object.hasOwnProperty.call(message, "frames") && message.frames !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.frames);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CaptureReply message from the specified reader or buffer.
         * @function decode
         * @memberof ix.CaptureReply
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.CaptureReply & ix.CaptureReply.$Shape} CaptureReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CaptureReply.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.CaptureReply();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.ok = value;
                        else
                            delete message.ok;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.pcap = value;
                        else
                            delete message.pcap;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.frames = value;
                        else
                            delete message.frames;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a CaptureReply message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.CaptureReply
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.CaptureReply} CaptureReply
         */
        CaptureReply.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.CaptureReply)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.CaptureReply: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.CaptureReply();
            if (object.ok != null)
                if (object.ok)
                    message.ok = $Boolean(object.ok);
            if (object.error != null)
                if (typeof object.error !== "string" || object.error.length)
                    message.error = $String(object.error);
            if (object.pcap != null)
                if (object.pcap.length)
                    if (typeof object.pcap === "string")
                        $util.base64.decode(object.pcap, message.pcap = $util.newBuffer($util.base64.length(object.pcap)), 0);
                    else if (object.pcap.length >= 0)
                        message.pcap = object.pcap;
            if (object.frames != null)
                if ($Number(object.frames) !== 0)
                    message.frames = object.frames >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a CaptureReply message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.CaptureReply
         * @static
         * @param {ix.CaptureReply} message CaptureReply
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CaptureReply.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.ok = false;
                object.error = "";
                if (options.bytes === $String)
                    object.pcap = "";
                else {
                    object.pcap = [];
                    if (options.bytes !== $Array)
                        object.pcap = $util.newBuffer(object.pcap);
                }
                object.frames = 0;
            }
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok"))
                object.ok = message.ok;
            if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                object.error = message.error;
            if (message.pcap != null && $Object.hasOwnProperty.call(message, "pcap"))
                object.pcap = options.bytes === $String ? $util.base64.encode(message.pcap, 0, message.pcap.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.pcap) : message.pcap;
            if (message.frames != null && $Object.hasOwnProperty.call(message, "frames"))
                object.frames = message.frames;
            return object;
        };

        /**
         * Converts this CaptureReply to JSON.
         * @function toJSON
         * @memberof ix.CaptureReply
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CaptureReply.prototype.toJSON = function() {
            return CaptureReply.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CaptureReply
         * @function getTypeUrl
         * @memberof ix.CaptureReply
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CaptureReply.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.CaptureReply";
        };

        return CaptureReply;
    })();

    ix.QueueStatus = (function() {

        /**
         * Properties of a QueueStatus.
         * @typedef {Object} ix.QueueStatus.$Properties
         * @property {number|null} [queue] QueueStatus queue
         * @property {number|null} [ringSize] QueueStatus ringSize
         * @property {number|null} [ringFree] QueueStatus ringFree
         * @property {number|null} [rxFrames] QueueStatus rxFrames
         * @property {number|null} [rxMissed] QueueStatus rxMissed
         * @property {number|null} [txFrames] QueueStatus txFrames
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a QueueStatus.
         * @memberof ix
         * @interface IQueueStatus
         * @augments ix.QueueStatus.$Properties
         * @deprecated Use ix.QueueStatus.$Properties instead.
         */

        /**
         * Shape of a QueueStatus.
         * @typedef {ix.QueueStatus.$Properties} ix.QueueStatus.$Shape
         */

        /**
         * Constructs a new QueueStatus.
         * @memberof ix
         * @classdesc Represents a QueueStatus.
         * @constructor
         * @param {ix.QueueStatus.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const QueueStatus = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * QueueStatus queue.
         * @member {number} queue
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.queue = 0;

        /**
         * QueueStatus ringSize.
         * @member {number} ringSize
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.ringSize = 0;

        /**
         * QueueStatus ringFree.
         * @member {number} ringFree
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.ringFree = 0;

        /**
         * QueueStatus rxFrames.
         * @member {number} rxFrames
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.rxFrames = 0;

        /**
         * QueueStatus rxMissed.
         * @member {number} rxMissed
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.rxMissed = 0;

        /**
         * QueueStatus txFrames.
         * @member {number} txFrames
         * @memberof ix.QueueStatus
         * @instance
         */
        QueueStatus.prototype.txFrames = 0;

        /**
         * Encodes the specified QueueStatus message. Does not implicitly {@link ix.QueueStatus.verify|verify} messages.
         * @function encode
         * @memberof ix.QueueStatus
         * @static
         * @param {ix.QueueStatus.$Properties} message QueueStatus message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        QueueStatus.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.queue);
            if (message.ringSize != null && $Object.hasOwnProperty.call(message, "ringSize") && message.ringSize !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.ringSize);
            if (message.ringFree != null && $Object.hasOwnProperty.call(message, "ringFree") && message.ringFree !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.ringFree);
            if (message.rxFrames != null && $Object.hasOwnProperty.call(message, "rxFrames") && !$Object.is(message.rxFrames, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.rxFrames);
            if (message.rxMissed != null && $Object.hasOwnProperty.call(message, "rxMissed") && !$Object.is(message.rxMissed, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.rxMissed);
            if (message.txFrames != null && $Object.hasOwnProperty.call(message, "txFrames") && !$Object.is(message.txFrames, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.txFrames);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a QueueStatus message from the specified reader or buffer.
         * @function decode
         * @memberof ix.QueueStatus
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.QueueStatus & ix.QueueStatus.$Shape} QueueStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        QueueStatus.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.QueueStatus();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.queue = value;
                        else
                            delete message.queue;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ringSize = value;
                        else
                            delete message.ringSize;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ringFree = value;
                        else
                            delete message.ringFree;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.rxFrames = value;
                        else
                            delete message.rxFrames;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.rxMissed = value;
                        else
                            delete message.rxMissed;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.txFrames = value;
                        else
                            delete message.txFrames;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a QueueStatus message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.QueueStatus
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.QueueStatus} QueueStatus
         */
        QueueStatus.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.QueueStatus)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.QueueStatus: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.QueueStatus();
            if (object.queue != null)
                if ($Number(object.queue) !== 0)
                    message.queue = object.queue >>> 0;
            if (object.ringSize != null)
                if ($Number(object.ringSize) !== 0)
                    message.ringSize = object.ringSize >>> 0;
            if (object.ringFree != null)
                if ($Number(object.ringFree) !== 0)
                    message.ringFree = object.ringFree >>> 0;
            if (object.rxFrames != null)
                if (!$Object.is($Number(object.rxFrames), 0))
                    message.rxFrames = $Number(object.rxFrames);
            if (object.rxMissed != null)
                if (!$Object.is($Number(object.rxMissed), 0))
                    message.rxMissed = $Number(object.rxMissed);
            if (object.txFrames != null)
                if (!$Object.is($Number(object.txFrames), 0))
                    message.txFrames = $Number(object.txFrames);
            return message;
        };

        /**
         * Creates a plain object from a QueueStatus message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.QueueStatus
         * @static
         * @param {ix.QueueStatus} message QueueStatus
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        QueueStatus.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.queue = 0;
                object.ringSize = 0;
                object.ringFree = 0;
                object.rxFrames = 0;
                object.rxMissed = 0;
                object.txFrames = 0;
            }
            if (message.queue != null && $Object.hasOwnProperty.call(message, "queue"))
                object.queue = message.queue;
            if (message.ringSize != null && $Object.hasOwnProperty.call(message, "ringSize"))
                object.ringSize = message.ringSize;
            if (message.ringFree != null && $Object.hasOwnProperty.call(message, "ringFree"))
                object.ringFree = message.ringFree;
            if (message.rxFrames != null && $Object.hasOwnProperty.call(message, "rxFrames"))
                object.rxFrames = options.json && !$isFinite(message.rxFrames) ? $String(message.rxFrames) : message.rxFrames;
            if (message.rxMissed != null && $Object.hasOwnProperty.call(message, "rxMissed"))
                object.rxMissed = options.json && !$isFinite(message.rxMissed) ? $String(message.rxMissed) : message.rxMissed;
            if (message.txFrames != null && $Object.hasOwnProperty.call(message, "txFrames"))
                object.txFrames = options.json && !$isFinite(message.txFrames) ? $String(message.txFrames) : message.txFrames;
            return object;
        };

        /**
         * Converts this QueueStatus to JSON.
         * @function toJSON
         * @memberof ix.QueueStatus
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        QueueStatus.prototype.toJSON = function() {
            return QueueStatus.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for QueueStatus
         * @function getTypeUrl
         * @memberof ix.QueueStatus
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        QueueStatus.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.QueueStatus";
        };

        return QueueStatus;
    })();

    ix.NicStatus = (function() {

        /**
         * Properties of a NicStatus.
         * @typedef {Object} ix.NicStatus.$Properties
         * @property {Array.<ix.QueueStatus.$Properties>|null} [queues] NicStatus queues
         * @property {number|null} [retaSize] NicStatus retaSize
         * @property {number|null} [wireIn] NicStatus wireIn
         * @property {number|null} [wireOut] NicStatus wireOut
         * @property {ix.FaultState.$Properties|null} [faults] NicStatus faults
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a NicStatus.
         * @memberof ix
         * @interface INicStatus
         * @augments ix.NicStatus.$Properties
         * @deprecated Use ix.NicStatus.$Properties instead.
         */

        /**
         * Shape of a NicStatus.
         * @typedef {ix.NicStatus.$Properties} ix.NicStatus.$Shape
         */

        /**
         * Constructs a new NicStatus.
         * @memberof ix
         * @classdesc Represents a NicStatus.
         * @constructor
         * @param {ix.NicStatus.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const NicStatus = function (properties) {
            this.queues = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * NicStatus queues.
         * @member {Array.<ix.QueueStatus.$Properties>} queues
         * @memberof ix.NicStatus
         * @instance
         */
        NicStatus.prototype.queues = $util.emptyArray;

        /**
         * NicStatus retaSize.
         * @member {number} retaSize
         * @memberof ix.NicStatus
         * @instance
         */
        NicStatus.prototype.retaSize = 0;

        /**
         * NicStatus wireIn.
         * @member {number} wireIn
         * @memberof ix.NicStatus
         * @instance
         */
        NicStatus.prototype.wireIn = 0;

        /**
         * NicStatus wireOut.
         * @member {number} wireOut
         * @memberof ix.NicStatus
         * @instance
         */
        NicStatus.prototype.wireOut = 0;

        /**
         * NicStatus faults.
         * @member {ix.FaultState.$Properties|null|undefined} faults
         * @memberof ix.NicStatus
         * @instance
         */
        NicStatus.prototype.faults = null;

        /**
         * Encodes the specified NicStatus message. Does not implicitly {@link ix.NicStatus.verify|verify} messages.
         * @function encode
         * @memberof ix.NicStatus
         * @static
         * @param {ix.NicStatus.$Properties} message NicStatus message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        NicStatus.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.queues != null && message.queues.length)
                for (let i = 0; i < message.queues.length; ++i)
                    $root.ix.QueueStatus.encode(message.queues[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.retaSize != null && $Object.hasOwnProperty.call(message, "retaSize") && message.retaSize !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.retaSize);
            if (message.wireIn != null && $Object.hasOwnProperty.call(message, "wireIn") && !$Object.is(message.wireIn, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.wireIn);
            if (message.wireOut != null && $Object.hasOwnProperty.call(message, "wireOut") && !$Object.is(message.wireOut, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.wireOut);
            if (message.faults != null && $Object.hasOwnProperty.call(message, "faults"))
                $root.ix.FaultState.encode(message.faults, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a NicStatus message from the specified reader or buffer.
         * @function decode
         * @memberof ix.NicStatus
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.NicStatus & ix.NicStatus.$Shape} NicStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        NicStatus.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.NicStatus();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.queues && message.queues.length))
                            message.queues = [];
                        message.queues.push($root.ix.QueueStatus.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.retaSize = value;
                        else
                            delete message.retaSize;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.wireIn = value;
                        else
                            delete message.wireIn;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.wireOut = value;
                        else
                            delete message.wireOut;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.faults = $root.ix.FaultState.decode(reader, reader.size(), $undefined, _depth + 1, message.faults);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a NicStatus message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.NicStatus
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.NicStatus} NicStatus
         */
        NicStatus.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.NicStatus)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.NicStatus: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.NicStatus();
            if (object.queues) {
                if (!$Array.isArray(object.queues))
                    throw $TypeError(".ix.NicStatus.queues: array expected");
                message.queues = $Array(object.queues.length);
                for (let i = 0; i < object.queues.length; ++i) {
                    if (!$util.isObject(object.queues[i]))
                        throw $TypeError(".ix.NicStatus.queues: object expected");
                    message.queues[i] = $root.ix.QueueStatus.fromObject(object.queues[i], _depth + 1);
                }
            }
            if (object.retaSize != null)
                if ($Number(object.retaSize) !== 0)
                    message.retaSize = object.retaSize >>> 0;
            if (object.wireIn != null)
                if (!$Object.is($Number(object.wireIn), 0))
                    message.wireIn = $Number(object.wireIn);
            if (object.wireOut != null)
                if (!$Object.is($Number(object.wireOut), 0))
                    message.wireOut = $Number(object.wireOut);
            if (object.faults != null) {
                if (!$util.isObject(object.faults))
                    throw $TypeError(".ix.NicStatus.faults: object expected");
                message.faults = $root.ix.FaultState.fromObject(object.faults, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a NicStatus message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.NicStatus
         * @static
         * @param {ix.NicStatus} message NicStatus
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        NicStatus.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.queues = [];
            if (options.defaults) {
                object.retaSize = 0;
                object.wireIn = 0;
                object.wireOut = 0;
                object.faults = null;
            }
            if (message.queues && message.queues.length) {
                object.queues = $Array(message.queues.length);
                for (let j = 0; j < message.queues.length; ++j)
                    object.queues[j] = $root.ix.QueueStatus.toObject(message.queues[j], options, _depth + 1);
            }
            if (message.retaSize != null && $Object.hasOwnProperty.call(message, "retaSize"))
                object.retaSize = message.retaSize;
            if (message.wireIn != null && $Object.hasOwnProperty.call(message, "wireIn"))
                object.wireIn = options.json && !$isFinite(message.wireIn) ? $String(message.wireIn) : message.wireIn;
            if (message.wireOut != null && $Object.hasOwnProperty.call(message, "wireOut"))
                object.wireOut = options.json && !$isFinite(message.wireOut) ? $String(message.wireOut) : message.wireOut;
            if (message.faults != null && $Object.hasOwnProperty.call(message, "faults"))
                object.faults = $root.ix.FaultState.toObject(message.faults, options, _depth + 1);
            return object;
        };

        /**
         * Converts this NicStatus to JSON.
         * @function toJSON
         * @memberof ix.NicStatus
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        NicStatus.prototype.toJSON = function() {
            return NicStatus.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for NicStatus
         * @function getTypeUrl
         * @memberof ix.NicStatus
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        NicStatus.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.NicStatus";
        };

        return NicStatus;
    })();

    ix.CoreStatus = (function() {

        /**
         * Properties of a CoreStatus.
         * @typedef {Object} ix.CoreStatus.$Properties
         * @property {number|null} [core] CoreStatus core
         * @property {boolean|null} [active] CoreStatus active
         * @property {Array.<number>|null} [flowGroups] CoreStatus flowGroups
         * @property {number|null} [batchSize] CoreStatus batchSize
         * @property {number|null} [connections] CoreStatus connections
         * @property {number|null} [framesIn] CoreStatus framesIn
         * @property {number|null} [framesOut] CoreStatus framesOut
         * @property {number|null} [idleFraction] CoreStatus idleFraction
         * @property {number|null} [queueEmaFast] CoreStatus queueEmaFast
         * @property {number|null} [queueEmaSlow] CoreStatus queueEmaSlow
         * @property {boolean|null} [background] CoreStatus background
         * @property {number|null} [uptimeS] CoreStatus uptimeS
         * @property {string|null} [adminUrl] CoreStatus adminUrl
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CoreStatus.
         * @memberof ix
         * @interface ICoreStatus
         * @augments ix.CoreStatus.$Properties
         * @deprecated Use ix.CoreStatus.$Properties instead.
         */

        /**
         * Shape of a CoreStatus.
         * @typedef {ix.CoreStatus.$Properties} ix.CoreStatus.$Shape
         */

        /**
         * Constructs a new CoreStatus.
         * @memberof ix
         * @classdesc Represents a CoreStatus.
         * @constructor
         * @param {ix.CoreStatus.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CoreStatus = function (properties) {
            this.flowGroups = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CoreStatus core.
         * @member {number} core
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.core = 0;

        /**
         * CoreStatus active.
         * @member {boolean} active
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.active = false;

        /**
         * CoreStatus flowGroups.
         * @member {Array.<number>} flowGroups
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.flowGroups = $util.emptyArray;

        /**
         * CoreStatus batchSize.
         * @member {number} batchSize
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.batchSize = 0;

        /**
         * CoreStatus connections.
         * @member {number} connections
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.connections = 0;

        /**
         * CoreStatus framesIn.
         * @member {number} framesIn
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.framesIn = 0;

        /**
         * CoreStatus framesOut.
         * @member {number} framesOut
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.framesOut = 0;

        /**
         * CoreStatus idleFraction.
         * @member {number} idleFraction
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.idleFraction = 0;

        /**
         * CoreStatus queueEmaFast.
         * @member {number} queueEmaFast
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.queueEmaFast = 0;

        /**
         * CoreStatus queueEmaSlow.
         * @member {number} queueEmaSlow
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.queueEmaSlow = 0;

        /**
         * CoreStatus background.
         * @member {boolean} background
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.background = false;

        /**
         * CoreStatus uptimeS.
         * @member {number} uptimeS
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.uptimeS = 0;

        /**
         * CoreStatus adminUrl.
         * @member {string} adminUrl
         * @memberof ix.CoreStatus
         * @instance
         */
        CoreStatus.prototype.adminUrl = "";

        /**
         * Encodes the specified CoreStatus message. Does not implicitly {@link ix.CoreStatus.verify|verify} messages.
         * @function encode
         * @memberof ix.CoreStatus
         * @static
         * @param {ix.CoreStatus.$Properties} message CoreStatus message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CoreStatus.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.core != null && $Object.hasOwnProperty.call(message, "core") && message.core !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.core);
            if (message.active != null && $Object.hasOwnProperty.call(message, "active") && message.active !== false)
                writer.uint32(/* id 2, wireType 0 =*/16).bool(message.active);
            if (message.flowGroups != null && message.flowGroups.length)
                writer.uint32(/* id 3, wireType 2 =*/26).uint32s(message.flowGroups);
            if (message.batchSize != null && $Object.hasOwnProperty.call(message, "batchSize") && message.batchSize !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.batchSize);
            if (message.connections != null && $Object.hasOwnProperty.call(message, "connections") && message.connections !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.connections);
            if (message.framesIn != null && $Object.hasOwnProperty.call(message, "framesIn") && !$Object.is(message.framesIn, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.framesIn);
            if (message.framesOut != null && $Object.hasOwnProperty.call(message, "framesOut") && !$Object.is(message.framesOut, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.framesOut);
            if (message.idleFraction != null && $Object.hasOwnProperty.call(message, "idleFraction") && !$Object.is(message.idleFraction, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.idleFraction);
            if (message.queueEmaFast != null && $Object.hasOwnProperty.call(message, "queueEmaFast") && !$Object.is(message.queueEmaFast, 0))
                writer.uint32(/* id 9, wireType 1 =*/73).double(message.queueEmaFast);
            if (message.queueEmaSlow != null && $Object.hasOwnProperty.call(message, "queueEmaSlow") && !$Object.is(message.queueEmaSlow, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.queueEmaSlow);
            if (message.background != null && $Object.hasOwnProperty.call(message, "background") && message.background !== false)
                writer.uint32(/* id 11, wireType 0 =*/88).bool(message.background);
            if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && !$Object.is(message.uptimeS, 0))
                writer.uint32(/* id 12, wireType 1 =*/97).double(message.uptimeS);
            if (message.adminUrl != null && $Object.hasOwnProperty.call(message, "adminUrl") && message.adminUrl !== "")
                writer.uint32(/* id 13, wireType 2 =*/106).string(message.adminUrl);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CoreStatus message from the specified reader or buffer.
         * @function decode
         * @memberof ix.CoreStatus
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.CoreStatus & ix.CoreStatus.$Shape} CoreStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CoreStatus.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.CoreStatus();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.core = value;
                        else
                            delete message.core;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.active = value;
                        else
                            delete message.active;
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.flowGroups && message.flowGroups.length))
                                message.flowGroups = [];
                            reader.uint32s(message.flowGroups);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.flowGroups && message.flowGroups.length))
                            message.flowGroups = [];
                        message.flowGroups.push(reader.uint32());
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.batchSize = value;
                        else
                            delete message.batchSize;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.connections = value;
                        else
                            delete message.connections;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.framesIn = value;
                        else
                            delete message.framesIn;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.framesOut = value;
                        else
                            delete message.framesOut;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.idleFraction = value;
                        else
                            delete message.idleFraction;
                        continue;
                    }
                case 9: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.queueEmaFast = value;
                        else
                            delete message.queueEmaFast;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.queueEmaSlow = value;
                        else
                            delete message.queueEmaSlow;
                        continue;
                    }
                case 11: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.background = value;
                        else
                            delete message.background;
                        continue;
                    }
                case 12: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.uptimeS = value;
                        else
                            delete message.uptimeS;
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.adminUrl = value;
                        else
                            delete message.adminUrl;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a CoreStatus message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.CoreStatus
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.CoreStatus} CoreStatus
         */
        CoreStatus.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.CoreStatus)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.CoreStatus: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.CoreStatus();
            if (object.core != null)
                if ($Number(object.core) !== 0)
                    message.core = object.core >>> 0;
            if (object.active != null)
                if (object.active)
                    message.active = $Boolean(object.active);
            if (object.flowGroups) {
                if (!$Array.isArray(object.flowGroups))
                    throw $TypeError(".ix.CoreStatus.flowGroups: array expected");
                message.flowGroups = $Array(object.flowGroups.length);
                for (let i = 0; i < object.flowGroups.length; ++i)
                    message.flowGroups[i] = object.flowGroups[i] >>> 0;
            }
            if (object.batchSize != null)
                if ($Number(object.batchSize) !== 0)
                    message.batchSize = object.batchSize >>> 0;
            if (object.connections != null)
                if ($Number(object.connections) !== 0)
                    message.connections = object.connections >>> 0;
            if (object.framesIn != null)
                if (!$Object.is($Number(object.framesIn), 0))
                    message.framesIn = $Number(object.framesIn);
            if (object.framesOut != null)
                if (!$Object.is($Number(object.framesOut), 0))
                    message.framesOut = $Number(object.framesOut);
            if (object.idleFraction != null)
                if (!$Object.is($Number(object.idleFraction), 0))
                    message.idleFraction = $Number(object.idleFraction);
            if (object.queueEmaFast != null)
                if (!$Object.is($Number(object.queueEmaFast), 0))
                    message.queueEmaFast = $Number(object.queueEmaFast);
            if (object.queueEmaSlow != null)
                if (!$Object.is($Number(object.queueEmaSlow), 0))
                    message.queueEmaSlow = $Number(object.queueEmaSlow);
            if (object.background != null)
                if (object.background)
                    message.background = $Boolean(object.background);
            if (object.uptimeS != null)
                if (!$Object.is($Number(object.uptimeS), 0))
                    message.uptimeS = $Number(object.uptimeS);
            if (object.adminUrl != null)
                if (typeof object.adminUrl !== "string" || object.adminUrl.length)
                    message.adminUrl = $String(object.adminUrl);
            return message;
        };

        /**
         * Creates a plain object from a CoreStatus message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.CoreStatus
         * @static
         * @param {ix.CoreStatus} message CoreStatus
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CoreStatus.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.flowGroups = [];
            if (options.defaults) {
                object.core = 0;
                object.active = false;
                object.batchSize = 0;
                object.connections = 0;
                object.framesIn = 0;
                object.framesOut = 0;
                object.idleFraction = 0;
                object.queueEmaFast = 0;
                object.queueEmaSlow = 0;
                object.background = false;
                object.uptimeS = 0;
                object.adminUrl = "";
            }
            if (message.core != null && $Object.hasOwnProperty.call(message, "core"))
                object.core = message.core;
            if (message.active != null && $Object.hasOwnProperty.call(message, "active"))
                object.active = message.active;
            if (message.flowGroups && message.flowGroups.length) {
                object.flowGroups = $Array(message.flowGroups.length);
                for (let j = 0; j < message.flowGroups.length; ++j)
                    object.flowGroups[j] = message.flowGroups[j];
            }
            if (message.batchSize != null && $Object.hasOwnProperty.call(message, "batchSize"))
                object.batchSize = message.batchSize;
            if (message.connections != null && $Object.hasOwnProperty.call(message, "connections"))
                object.connections = message.connections;
            if (message.framesIn != null && $Object.hasOwnProperty.call(message, "framesIn"))
                object.framesIn = options.json && !$isFinite(message.framesIn) ? $String(message.framesIn) : message.framesIn;
            if (message.framesOut != null && $Object.hasOwnProperty.call(message, "framesOut"))
                object.framesOut = options.json && !$isFinite(message.framesOut) ? $String(message.framesOut) : message.framesOut;
            if (message.idleFraction != null && $Object.hasOwnProperty.call(message, "idleFraction"))
                object.idleFraction = options.json && !$isFinite(message.idleFraction) ? $String(message.idleFraction) : message.idleFraction;
            if (message.queueEmaFast != null && $Object.hasOwnProperty.call(message, "queueEmaFast"))
                object.queueEmaFast = options.json && !$isFinite(message.queueEmaFast) ? $String(message.queueEmaFast) : message.queueEmaFast;
            if (message.queueEmaSlow != null && $Object.hasOwnProperty.call(message, "queueEmaSlow"))
                object.queueEmaSlow = options.json && !$isFinite(message.queueEmaSlow) ? $String(message.queueEmaSlow) : message.queueEmaSlow;
            if (message.background != null && $Object.hasOwnProperty.call(message, "background"))
                object.background = message.background;
            if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                object.uptimeS = options.json && !$isFinite(message.uptimeS) ? $String(message.uptimeS) : message.uptimeS;
            if (message.adminUrl != null && $Object.hasOwnProperty.call(message, "adminUrl"))
                object.adminUrl = message.adminUrl;
            return object;
        };

        /**
         * Converts this CoreStatus to JSON.
         * @function toJSON
         * @memberof ix.CoreStatus
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CoreStatus.prototype.toJSON = function() {
            return CoreStatus.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CoreStatus
         * @function getTypeUrl
         * @memberof ix.CoreStatus
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CoreStatus.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.CoreStatus";
        };

        return CoreStatus;
    })();

    ix.Heartbeat = (function() {

        /**
         * Properties of a Heartbeat.
         * @typedef {Object} ix.Heartbeat.$Properties
         * @property {string|null} [kind] Heartbeat kind
         * @property {string|null} [id] Heartbeat id
         * @property {number|null} [timeUs] Heartbeat timeUs
         * @property {string|null} [adminUrl] Heartbeat adminUrl
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Heartbeat.
         * @memberof ix
         * @interface IHeartbeat
         * @augments ix.Heartbeat.$Properties
         * @deprecated Use ix.Heartbeat.$Properties instead.
         */

        /**
         * Shape of a Heartbeat.
         * @typedef {ix.Heartbeat.$Properties} ix.Heartbeat.$Shape
         */

        /**
         * Constructs a new Heartbeat.
         * @memberof ix
         * @classdesc Represents a Heartbeat.
         * @constructor
         * @param {ix.Heartbeat.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Heartbeat = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Heartbeat kind.
         * @member {string} kind
         * @memberof ix.Heartbeat
         * @instance
         */
        Heartbeat.prototype.kind = "";

        /**
         * Heartbeat id.
         * @member {string} id
         * @memberof ix.Heartbeat
         * @instance
         */
        Heartbeat.prototype.id = "";

        /**
         * Heartbeat timeUs.
         * @member {number} timeUs
         * @memberof ix.Heartbeat
         * @instance
         */
        Heartbeat.prototype.timeUs = 0;

        /**
         * Heartbeat adminUrl.
         * @member {string} adminUrl
         * @memberof ix.Heartbeat
         * @instance
         */
        Heartbeat.prototype.adminUrl = "";

        /**
         * Encodes the specified Heartbeat message. Does not implicitly {@link ix.Heartbeat.verify|verify} messages.
         * @function encode
         * @memberof ix.Heartbeat
         * @static
         * @param {ix.Heartbeat.$Properties} message Heartbeat message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Heartbeat.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.kind);
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.id);
            if (message.timeUs != null && $Object.hasOwnProperty.call(message, "timeUs") && !$Object.is(message.timeUs, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.timeUs);
            if (message.adminUrl != null && $Object.hasOwnProperty.call(message, "adminUrl") && message.adminUrl !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.adminUrl);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Heartbeat message from the specified reader or buffer.
         * @function decode
         * @memberof ix.Heartbeat
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ix.Heartbeat & ix.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Heartbeat.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ix.Heartbeat();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.kind = value;
                        else
                            delete message.kind;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.timeUs = value;
                        else
                            delete message.timeUs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.adminUrl = value;
                        else
                            delete message.adminUrl;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof ix.Heartbeat
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {ix.Heartbeat} Heartbeat
         */
        Heartbeat.fromObject = function (object, _depth) {
            if (object instanceof $root.ix.Heartbeat)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".ix.Heartbeat: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.ix.Heartbeat();
            if (object.kind != null)
                if (typeof object.kind !== "string" || object.kind.length)
                    message.kind = $String(object.kind);
            if (object.id != null)
                if (typeof object.id !== "string" || object.id.length)
                    message.id = $String(object.id);
            if (object.timeUs != null)
                if (!$Object.is($Number(object.timeUs), 0))
                    message.timeUs = $Number(object.timeUs);
            if (object.adminUrl != null)
                if (typeof object.adminUrl !== "string" || object.adminUrl.length)
                    message.adminUrl = $String(object.adminUrl);
            return message;
        };

        /**
         * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
         * @function toObject
         * @memberof ix.Heartbeat
         * @static
         * @param {ix.Heartbeat} message Heartbeat
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Heartbeat.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.kind = "";
                object.id = "";
                object.timeUs = 0;
                object.adminUrl = "";
            }
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                object.kind = message.kind;
            if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                object.id = message.id;
            if (message.timeUs != null && $Object.hasOwnProperty.call(message, "timeUs"))
                object.timeUs = options.json && !$isFinite(message.timeUs) ? $String(message.timeUs) : message.timeUs;
            if (message.adminUrl != null && $Object.hasOwnProperty.call(message, "adminUrl"))
                object.adminUrl = message.adminUrl;
            return object;
        };

        /**
         * Converts this Heartbeat to JSON.
         * @function toJSON
         * @memberof ix.Heartbeat
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Heartbeat.prototype.toJSON = function() {
            return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Heartbeat
         * @function getTypeUrl
         * @memberof ix.Heartbeat
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Heartbeat.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/ix.Heartbeat";
        };

        return Heartbeat;
    })();

    return ix;
})();

export {
  $root as default
};
