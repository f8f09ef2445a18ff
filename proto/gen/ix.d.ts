import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace ix. */
export namespace ix {

    /**
     * Properties of a Frame.
     * @deprecated Use ix.Frame.$Properties instead.
     */
    interface IFrame extends ix.Frame.$Properties {
    }

    /** Represents a Frame. */
    class Frame {

        /**
         * Constructs a new Frame.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Frame.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Frame data. */
        data: Uint8Array;

        /** Frame rxTimeUs. */
        rxTimeUs: number;

        /** Frame rssHash. */
        rssHash: number;

        /** Frame flowGroup. */
        flowGroup: number;

        /**
         * Encodes the specified Frame message. Does not implicitly {@link ix.Frame.verify|verify} messages.
         * @param message Frame message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Frame message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Frame & ix.Frame.$Shape} Frame
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Frame & ix.Frame.$Shape;

        /**
         * Creates a Frame message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Frame
         */
        static fromObject(object: { [k: string]: any }): ix.Frame;

        /**
         * Creates a plain object from a Frame message. Also converts values to other types if specified.
         * @param message Frame
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Frame, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Frame to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Frame
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Frame {

        /** Properties of a Frame. */
        interface $Properties {

            /** Frame data */
            data?: (Uint8Array|null);

            /** Frame rxTimeUs */
            rxTimeUs?: (number|null);

            /** Frame rssHash */
            rssHash?: (number|null);

            /** Frame flowGroup */
            flowGroup?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Frame. */
        type $Shape = ix.Frame.$Properties;
    }

    /**
     * Properties of a WireBurst.
     * @deprecated Use ix.WireBurst.$Properties instead.
     */
    interface IWireBurst extends ix.WireBurst.$Properties {
    }

    /** Represents a WireBurst. */
    class WireBurst {

        /**
         * Constructs a new WireBurst.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.WireBurst.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WireBurst frames. */
        frames: Uint8Array[];

        /**
         * Encodes the specified WireBurst message. Does not implicitly {@link ix.WireBurst.verify|verify} messages.
         * @param message WireBurst message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.WireBurst.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WireBurst message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.WireBurst & ix.WireBurst.$Shape} WireBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.WireBurst & ix.WireBurst.$Shape;

        /**
         * Creates a WireBurst message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns WireBurst
         */
        static fromObject(object: { [k: string]: any }): ix.WireBurst;

        /**
         * Creates a plain object from a WireBurst message. Also converts values to other types if specified.
         * @param message WireBurst
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.WireBurst, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this WireBurst to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for WireBurst
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WireBurst {

        /** Properties of a WireBurst. */
        interface $Properties {

            /** WireBurst frames */
            frames?: (Uint8Array[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WireBurst. */
        type $Shape = ix.WireBurst.$Properties;
    }

    /**
     * Properties of a RxBurst.
     * @deprecated Use ix.RxBurst.$Properties instead.
     */
    interface IRxBurst extends ix.RxBurst.$Properties {
    }

    /** Represents a RxBurst. */
    class RxBurst {

        /**
         * Constructs a new RxBurst.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.RxBurst.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RxBurst queue. */
        queue: number;

        /** RxBurst frames. */
        frames: ix.Frame.$Properties[];

        /** RxBurst burstsInFlight. */
        burstsInFlight: number;

        /**
         * Encodes the specified RxBurst message. Does not implicitly {@link ix.RxBurst.verify|verify} messages.
         * @param message RxBurst message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.RxBurst.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RxBurst message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.RxBurst & ix.RxBurst.$Shape} RxBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.RxBurst & ix.RxBurst.$Shape;

        /**
         * Creates a RxBurst message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns RxBurst
         */
        static fromObject(object: { [k: string]: any }): ix.RxBurst;

        /**
         * Creates a plain object from a RxBurst message. Also converts values to other types if specified.
         * @param message RxBurst
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.RxBurst, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RxBurst to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RxBurst
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RxBurst {

        /** Properties of a RxBurst. */
        interface $Properties {

            /** RxBurst queue */
            queue?: (number|null);

            /** RxBurst frames */
            frames?: (ix.Frame.$Properties[]|null);

            /** RxBurst burstsInFlight */
            burstsInFlight?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RxBurst. */
        type $Shape = ix.RxBurst.$Properties;
    }

    /**
     * Properties of a TxBurst.
     * @deprecated Use ix.TxBurst.$Properties instead.
     */
    interface ITxBurst extends ix.TxBurst.$Properties {
    }

    /** Represents a TxBurst. */
    class TxBurst {

        /**
         * Constructs a new TxBurst.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.TxBurst.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** TxBurst queue. */
        queue: number;

        /** TxBurst frames. */
        frames: Uint8Array[];

        /** TxBurst credits. */
        credits: number;

        /** TxBurst batchLimit. */
        batchLimit: number;

        /**
         * Encodes the specified TxBurst message. Does not implicitly {@link ix.TxBurst.verify|verify} messages.
         * @param message TxBurst message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.TxBurst.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a TxBurst message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.TxBurst & ix.TxBurst.$Shape} TxBurst
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.TxBurst & ix.TxBurst.$Shape;

        /**
         * Creates a TxBurst message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns TxBurst
         */
        static fromObject(object: { [k: string]: any }): ix.TxBurst;

        /**
         * Creates a plain object from a TxBurst message. Also converts values to other types if specified.
         * @param message TxBurst
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.TxBurst, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this TxBurst to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for TxBurst
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace TxBurst {

        /** Properties of a TxBurst. */
        interface $Properties {

            /** TxBurst queue */
            queue?: (number|null);

            /** TxBurst frames */
            frames?: (Uint8Array[]|null);

            /** TxBurst credits */
            credits?: (number|null);

            /** TxBurst batchLimit */
            batchLimit?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a TxBurst. */
        type $Shape = ix.TxBurst.$Properties;
    }

    /** SyscallKind enum. */
    enum SyscallKind {

        /** SYS_NONE value */
        SYS_NONE = 0,

        /** SYS_LISTEN value */
        SYS_LISTEN = 1,

        /** SYS_CONNECT value */
        SYS_CONNECT = 2,

        /** SYS_ACCEPT value */
        SYS_ACCEPT = 3,

        /** SYS_REJECT value */
        SYS_REJECT = 4,

        /** SYS_SENDV value */
        SYS_SENDV = 5,

        /** SYS_RECV_DONE value */
        SYS_RECV_DONE = 6,

        /** SYS_CLOSE value */
        SYS_CLOSE = 7,

        /** SYS_UDP_SEND value */
        SYS_UDP_SEND = 8,

        /** SYS_UDP_LISTEN value */
        SYS_UDP_LISTEN = 9
    }

    /**
     * Properties of a Syscall.
     * @deprecated Use ix.Syscall.$Properties instead.
     */
    interface ISyscall extends ix.Syscall.$Properties {
    }

    /** Represents a Syscall. */
    class Syscall {

        /**
         * Constructs a new Syscall.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Syscall.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Syscall kind. */
        kind: ix.SyscallKind;

        /** Syscall handle. */
        handle: number;

        /** Syscall cookie. */
        cookie: number;

        /** Syscall ip. */
        ip: number;

        /** Syscall port. */
        port: number;

        /** Syscall port2. */
        port2: number;

        /** Syscall bytes. */
        bytes: number;

        /** Syscall bufs. */
        bufs: Uint8Array[];

        /**
         * Encodes the specified Syscall message. Does not implicitly {@link ix.Syscall.verify|verify} messages.
         * @param message Syscall message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Syscall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Syscall message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Syscall & ix.Syscall.$Shape} Syscall
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Syscall & ix.Syscall.$Shape;

        /**
         * Creates a Syscall message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Syscall
         */
        static fromObject(object: { [k: string]: any }): ix.Syscall;

        /**
         * Creates a plain object from a Syscall message. Also converts values to other types if specified.
         * @param message Syscall
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Syscall, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Syscall to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Syscall
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Syscall {

        /** Properties of a Syscall. */
        interface $Properties {

            /** Syscall kind */
            kind?: (ix.SyscallKind|null);

            /** Syscall handle */
            handle?: (number|null);

            /** Syscall cookie */
            cookie?: (number|null);

            /** Syscall ip */
            ip?: (number|null);

            /** Syscall port */
            port?: (number|null);

            /** Syscall port2 */
            port2?: (number|null);

            /** Syscall bytes */
            bytes?: (number|null);

            /** Syscall bufs */
            bufs?: (Uint8Array[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Syscall. */
        type $Shape = ix.Syscall.$Properties;
    }

    /**
     * Properties of a SyscallBatch.
     * @deprecated Use ix.SyscallBatch.$Properties instead.
     */
    interface ISyscallBatch extends ix.SyscallBatch.$Properties {
    }

    /** Represents a SyscallBatch. */
    class SyscallBatch {

        /**
         * Constructs a new SyscallBatch.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.SyscallBatch.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SyscallBatch core. */
        core: number;

        /** SyscallBatch seq. */
        seq: number;

        /** SyscallBatch calls. */
        calls: ix.Syscall.$Properties[];

        /** SyscallBatch app. */
        app: string;

        /** SyscallBatch firstUnacked. */
        firstUnacked: number;

        /** SyscallBatch eventsSession. */
        eventsSession: number;

        /** SyscallBatch eventsAcked. */
        eventsAcked: number;

        /** SyscallBatch eventsMissing. */
        eventsMissing: number;

        /**
         * Encodes the specified SyscallBatch message. Does not implicitly {@link ix.SyscallBatch.verify|verify} messages.
         * @param message SyscallBatch message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.SyscallBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SyscallBatch message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.SyscallBatch & ix.SyscallBatch.$Shape} SyscallBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.SyscallBatch & ix.SyscallBatch.$Shape;

        /**
         * Creates a SyscallBatch message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns SyscallBatch
         */
        static fromObject(object: { [k: string]: any }): ix.SyscallBatch;

        /**
         * Creates a plain object from a SyscallBatch message. Also converts values to other types if specified.
         * @param message SyscallBatch
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.SyscallBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this SyscallBatch to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for SyscallBatch
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace SyscallBatch {

        /** Properties of a SyscallBatch. */
        interface $Properties {

            /** SyscallBatch core */
            core?: (number|null);

            /** SyscallBatch seq */
            seq?: (number|null);

            /** SyscallBatch calls */
            calls?: (ix.Syscall.$Properties[]|null);

            /** SyscallBatch app */
            app?: (string|null);

            /** SyscallBatch firstUnacked */
            firstUnacked?: (number|null);

            /** SyscallBatch eventsSession */
            eventsSession?: (number|null);

            /** SyscallBatch eventsAcked */
            eventsAcked?: (number|null);

            /** SyscallBatch eventsMissing */
            eventsMissing?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SyscallBatch. */
        type $Shape = ix.SyscallBatch.$Properties;
    }

    /** EventKind enum. */
    enum EventKind {

        /** EV_NONE value */
        EV_NONE = 0,

        /** EV_KNOCK value */
        EV_KNOCK = 1,

        /** EV_CONNECTED value */
        EV_CONNECTED = 2,

        /** EV_RECV value */
        EV_RECV = 3,

        /** EV_SENT value */
        EV_SENT = 4,

        /** EV_DEAD value */
        EV_DEAD = 5,

        /** EV_UDP_RECV value */
        EV_UDP_RECV = 6,

        /** EV_UDP_SENT value */
        EV_UDP_SENT = 7,

        /** EV_MOVED value */
        EV_MOVED = 8
    }

    /**
     * Properties of an Event.
     * @deprecated Use ix.Event.$Properties instead.
     */
    interface IEvent extends ix.Event.$Properties {
    }

    /** Represents an Event. */
    class Event {

        /**
         * Constructs a new Event.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Event.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Event kind. */
        kind: ix.EventKind;

        /** Event handle. */
        handle: number;

        /** Event cookie. */
        cookie: number;

        /** Event data. */
        data: Uint8Array;

        /** Event ip. */
        ip: number;

        /** Event port. */
        port: number;

        /** Event port2. */
        port2: number;

        /** Event value. */
        value: number;

        /** Event window. */
        window: number;

        /** Event afterSeq. */
        afterSeq: number;

        /** Event afterSession. */
        afterSession: number;

        /**
         * Encodes the specified Event message. Does not implicitly {@link ix.Event.verify|verify} messages.
         * @param message Event message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Event message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Event & ix.Event.$Shape} Event
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Event & ix.Event.$Shape;

        /**
         * Creates an Event message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Event
         */
        static fromObject(object: { [k: string]: any }): ix.Event;

        /**
         * Creates a plain object from an Event message. Also converts values to other types if specified.
         * @param message Event
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Event, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Event to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Event
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Event {

        /** Properties of an Event. */
        interface $Properties {

            /** Event kind */
            kind?: (ix.EventKind|null);

            /** Event handle */
            handle?: (number|null);

            /** Event cookie */
            cookie?: (number|null);

            /** Event data */
            data?: (Uint8Array|null);

            /** Event ip */
            ip?: (number|null);

            /** Event port */
            port?: (number|null);

            /** Event port2 */
            port2?: (number|null);

            /** Event value */
            value?: (number|null);

            /** Event window */
            window?: (number|null);

            /** Event afterSeq */
            afterSeq?: (number|null);

            /** Event afterSession */
            afterSession?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Event. */
        type $Shape = ix.Event.$Properties;
    }

    /**
     * Properties of an EventBatch.
     * @deprecated Use ix.EventBatch.$Properties instead.
     */
    interface IEventBatch extends ix.EventBatch.$Properties {
    }

    /** Represents an EventBatch. */
    class EventBatch {

        /**
         * Constructs a new EventBatch.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.EventBatch.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** EventBatch core. */
        core: number;

        /** EventBatch seq. */
        seq: number;

        /** EventBatch events. */
        events: ix.Event.$Properties[];

        /** EventBatch resultsSeq. */
        resultsSeq: number;

        /** EventBatch results. */
        results: number[];

        /** EventBatch session. */
        session: number;

        /** EventBatch firstUnacked. */
        firstUnacked: number;

        /** EventBatch syscallsMissing. */
        syscallsMissing: number;

        /**
         * Encodes the specified EventBatch message. Does not implicitly {@link ix.EventBatch.verify|verify} messages.
         * @param message EventBatch message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an EventBatch message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.EventBatch & ix.EventBatch.$Shape} EventBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.EventBatch & ix.EventBatch.$Shape;

        /**
         * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns EventBatch
         */
        static fromObject(object: { [k: string]: any }): ix.EventBatch;

        /**
         * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
         * @param message EventBatch
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.EventBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this EventBatch to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for EventBatch
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace EventBatch {

        /** Properties of an EventBatch. */
        interface $Properties {

            /** EventBatch core */
            core?: (number|null);

            /** EventBatch seq */
            seq?: (number|null);

            /** EventBatch events */
            events?: (ix.Event.$Properties[]|null);

            /** EventBatch resultsSeq */
            resultsSeq?: (number|null);

            /** EventBatch results */
            results?: (number[]|null);

            /** EventBatch session */
            session?: (number|null);

            /** EventBatch firstUnacked */
            firstUnacked?: (number|null);

            /** EventBatch syscallsMissing */
            syscallsMissing?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an EventBatch. */
        type $Shape = ix.EventBatch.$Properties;
    }

    /** Errno enum. */
    enum Errno {

        /** ERRNO_OK value */
        ERRNO_OK = 0,

        /** ENOENT value */
        ENOENT = 2,

        /** E2BIG value */
        E2BIG = 7,

        /** EBADF value */
        EBADF = 9,

        /** EAGAIN value */
        EAGAIN = 11,

        /** ENOMEM value */
        ENOMEM = 12,

        /** EBUSY value */
        EBUSY = 16,

        /** EINVAL value */
        EINVAL = 22,

        /** EMSGSIZE value */
        EMSGSIZE = 90,

        /** EADDRINUSE value */
        EADDRINUSE = 98,

        /** EADDRNOTAVAIL value */
        EADDRNOTAVAIL = 99,

        /** ECONNRESET value */
        ECONNRESET = 104,

        /** EISCONN value */
        EISCONN = 106,

        /** ENOTCONN value */
        ENOTCONN = 107,

        /** ECONNREFUSED value */
        ECONNREFUSED = 111,

        /** ESTALE value */
        ESTALE = 116
    }

    /** DeadReason enum. */
    enum DeadReason {

        /** DEAD_NONE value */
        DEAD_NONE = 0,

        /** DEAD_RESET value */
        DEAD_RESET = 1,

        /** DEAD_TIMEOUT value */
        DEAD_TIMEOUT = 2,

        /** DEAD_CORE_FAILED value */
        DEAD_CORE_FAILED = 3
    }

    /** Limit enum. */
    enum Limit {

        /** LIMIT_NONE value */
        LIMIT_NONE = 0,

        /** MAX_SG_ENTRIES value */
        MAX_SG_ENTRIES = 30,

        /** MAX_CALLS_PER_BATCH value */
        MAX_CALLS_PER_BATCH = 8192,

        /** MAX_SENDV_BYTES value */
        MAX_SENDV_BYTES = 4194304
    }

    /** HandleLayout enum. */
    enum HandleLayout {

        /** HANDLE_LAYOUT_NONE value */
        HANDLE_LAYOUT_NONE = 0,

        /** HANDLE_FG_SHIFT value */
        HANDLE_FG_SHIFT = 32
    }

    /** CommandKind enum. */
    enum CommandKind {

        /** CMD_NONE value */
        CMD_NONE = 0,

        /** CMD_STATUS value */
        CMD_STATUS = 1,

        /** CMD_ACTIVATE value */
        CMD_ACTIVATE = 2,

        /** CMD_PARK value */
        CMD_PARK = 3,

        /** CMD_MIGRATE value */
        CMD_MIGRATE = 4,

        /** CMD_SET_BATCH value */
        CMD_SET_BATCH = 5,

        /** CMD_BACKGROUND value */
        CMD_BACKGROUND = 6
    }

    /**
     * Properties of a CoreCommand.
     * @deprecated Use ix.CoreCommand.$Properties instead.
     */
    interface ICoreCommand extends ix.CoreCommand.$Properties {
    }

    /** Represents a CoreCommand. */
    class CoreCommand {

        /**
         * Constructs a new CoreCommand.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.CoreCommand.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CoreCommand kind. */
        kind: ix.CommandKind;

        /** CoreCommand flowGroups. */
        flowGroups: number[];

        /** CoreCommand targetCore. */
        targetCore: number;

        /** CoreCommand migrationId. */
        migrationId: number;

        /** CoreCommand value. */
        value: number;

        /**
         * Encodes the specified CoreCommand message. Does not implicitly {@link ix.CoreCommand.verify|verify} messages.
         * @param message CoreCommand message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.CoreCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CoreCommand message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.CoreCommand & ix.CoreCommand.$Shape} CoreCommand
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.CoreCommand & ix.CoreCommand.$Shape;

        /**
         * Creates a CoreCommand message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns CoreCommand
         */
        static fromObject(object: { [k: string]: any }): ix.CoreCommand;

        /**
         * Creates a plain object from a CoreCommand message. Also converts values to other types if specified.
         * @param message CoreCommand
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.CoreCommand, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this CoreCommand to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for CoreCommand
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CoreCommand {

        /** Properties of a CoreCommand. */
        interface $Properties {

            /** CoreCommand kind */
            kind?: (ix.CommandKind|null);

            /** CoreCommand flowGroups */
            flowGroups?: (number[]|null);

            /** CoreCommand targetCore */
            targetCore?: (number|null);

            /** CoreCommand migrationId */
            migrationId?: (number|null);

            /** CoreCommand value */
            value?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CoreCommand. */
        type $Shape = ix.CoreCommand.$Properties;
    }

    /**
     * Properties of a CommandReply.
     * @deprecated Use ix.CommandReply.$Properties instead.
     */
    interface ICommandReply extends ix.CommandReply.$Properties {
    }

    /** Represents a CommandReply. */
    class CommandReply {

        /**
         * Constructs a new CommandReply.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.CommandReply.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CommandReply ok. */
        ok: boolean;

        /** CommandReply error. */
        error: string;

        /** CommandReply durationUs. */
        durationUs: number;

        /** CommandReply status. */
        status?: (ix.CoreStatus.$Properties|null);

        /**
         * Encodes the specified CommandReply message. Does not implicitly {@link ix.CommandReply.verify|verify} messages.
         * @param message CommandReply message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.CommandReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CommandReply message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.CommandReply & ix.CommandReply.$Shape} CommandReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.CommandReply & ix.CommandReply.$Shape;

        /**
         * Creates a CommandReply message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns CommandReply
         */
        static fromObject(object: { [k: string]: any }): ix.CommandReply;

        /**
         * Creates a plain object from a CommandReply message. Also converts values to other types if specified.
         * @param message CommandReply
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.CommandReply, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this CommandReply to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for CommandReply
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CommandReply {

        /** Properties of a CommandReply. */
        interface $Properties {

            /** CommandReply ok */
            ok?: (boolean|null);

            /** CommandReply error */
            error?: (string|null);

            /** CommandReply durationUs */
            durationUs?: (number|null);

            /** CommandReply status */
            status?: (ix.CoreStatus.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CommandReply. */
        type $Shape = ix.CommandReply.$Properties;
    }

    /** MigrationStage enum. */
    enum MigrationStage {

        /** MIG_NONE value */
        MIG_NONE = 0,

        /** MIG_START value */
        MIG_START = 1,

        /** MIG_FORWARD value */
        MIG_FORWARD = 2,

        /** MIG_READY value */
        MIG_READY = 3
    }

    /**
     * Properties of a FlowGroupState.
     * @deprecated Use ix.FlowGroupState.$Properties instead.
     */
    interface IFlowGroupState extends ix.FlowGroupState.$Properties {
    }

    /** Represents a FlowGroupState. */
    class FlowGroupState {

        /**
         * Constructs a new FlowGroupState.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.FlowGroupState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FlowGroupState flowGroup. */
        flowGroup: number;

        /** FlowGroupState state. */
        state: Uint8Array;

        /**
         * Encodes the specified FlowGroupState message. Does not implicitly {@link ix.FlowGroupState.verify|verify} messages.
         * @param message FlowGroupState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.FlowGroupState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FlowGroupState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.FlowGroupState & ix.FlowGroupState.$Shape} FlowGroupState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.FlowGroupState & ix.FlowGroupState.$Shape;

        /**
         * Creates a FlowGroupState message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FlowGroupState
         */
        static fromObject(object: { [k: string]: any }): ix.FlowGroupState;

        /**
         * Creates a plain object from a FlowGroupState message. Also converts values to other types if specified.
         * @param message FlowGroupState
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.FlowGroupState, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FlowGroupState to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for FlowGroupState
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace FlowGroupState {

        /** Properties of a FlowGroupState. */
        interface $Properties {

            /** FlowGroupState flowGroup */
            flowGroup?: (number|null);

            /** FlowGroupState state */
            state?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FlowGroupState. */
        type $Shape = ix.FlowGroupState.$Properties;
    }

    /**
     * Properties of a Migration.
     * @deprecated Use ix.Migration.$Properties instead.
     */
    interface IMigration extends ix.Migration.$Properties {
    }

    /** Represents a Migration. */
    class Migration {

        /**
         * Constructs a new Migration.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Migration.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Migration stage. */
        stage: ix.MigrationStage;

        /** Migration migrationId. */
        migrationId: number;

        /** Migration sourceCore. */
        sourceCore: number;

        /** Migration targetCore. */
        targetCore: number;

        /** Migration flowGroups. */
        flowGroups: number[];

        /** Migration states. */
        states: ix.FlowGroupState.$Properties[];

        /** Migration frames. */
        frames: ix.Frame.$Properties[];

        /** Migration startedUs. */
        startedUs: number;

        /** Migration sourceEventSeq. */
        sourceEventSeq: number;

        /** Migration sourceEventSession. */
        sourceEventSession: number;

        /**
         * Encodes the specified Migration message. Does not implicitly {@link ix.Migration.verify|verify} messages.
         * @param message Migration message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Migration.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Migration message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Migration & ix.Migration.$Shape} Migration
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Migration & ix.Migration.$Shape;

        /**
         * Creates a Migration message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Migration
         */
        static fromObject(object: { [k: string]: any }): ix.Migration;

        /**
         * Creates a plain object from a Migration message. Also converts values to other types if specified.
         * @param message Migration
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Migration, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Migration to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Migration
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Migration {

        /** Properties of a Migration. */
        interface $Properties {

            /** Migration stage */
            stage?: (ix.MigrationStage|null);

            /** Migration migrationId */
            migrationId?: (number|null);

            /** Migration sourceCore */
            sourceCore?: (number|null);

            /** Migration targetCore */
            targetCore?: (number|null);

            /** Migration flowGroups */
            flowGroups?: (number[]|null);

            /** Migration states */
            states?: (ix.FlowGroupState.$Properties[]|null);

            /** Migration frames */
            frames?: (ix.Frame.$Properties[]|null);

            /** Migration startedUs */
            startedUs?: (number|null);

            /** Migration sourceEventSeq */
            sourceEventSeq?: (number|null);

            /** Migration sourceEventSession */
            sourceEventSession?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Migration. */
        type $Shape = ix.Migration.$Properties;
    }

    /**
     * Properties of a Reta.
     * @deprecated Use ix.Reta.$Properties instead.
     */
    interface IReta extends ix.Reta.$Properties {
    }

    /** Represents a Reta. */
    class Reta {

        /**
         * Constructs a new Reta.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Reta.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Reta queues. */
        queues: number[];

        /** Reta rssKey. */
        rssKey: Uint8Array;

        /**
         * Encodes the specified Reta message. Does not implicitly {@link ix.Reta.verify|verify} messages.
         * @param message Reta message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Reta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Reta message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Reta & ix.Reta.$Shape} Reta
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Reta & ix.Reta.$Shape;

        /**
         * Creates a Reta message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Reta
         */
        static fromObject(object: { [k: string]: any }): ix.Reta;

        /**
         * Creates a plain object from a Reta message. Also converts values to other types if specified.
         * @param message Reta
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Reta, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Reta to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Reta
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Reta {

        /** Properties of a Reta. */
        interface $Properties {

            /** Reta queues */
            queues?: (number[]|null);

            /** Reta rssKey */
            rssKey?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Reta. */
        type $Shape = ix.Reta.$Properties;
    }

    /**
     * Properties of a RetaUpdate.
     * @deprecated Use ix.RetaUpdate.$Properties instead.
     */
    interface IRetaUpdate extends ix.RetaUpdate.$Properties {
    }

    /** Represents a RetaUpdate. */
    class RetaUpdate {

        /**
         * Constructs a new RetaUpdate.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.RetaUpdate.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RetaUpdate flowGroups. */
        flowGroups: number[];

        /** RetaUpdate queue. */
        queue: number;

        /**
         * Encodes the specified RetaUpdate message. Does not implicitly {@link ix.RetaUpdate.verify|verify} messages.
         * @param message RetaUpdate message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.RetaUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RetaUpdate message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.RetaUpdate & ix.RetaUpdate.$Shape} RetaUpdate
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.RetaUpdate & ix.RetaUpdate.$Shape;

        /**
         * Creates a RetaUpdate message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns RetaUpdate
         */
        static fromObject(object: { [k: string]: any }): ix.RetaUpdate;

        /**
         * Creates a plain object from a RetaUpdate message. Also converts values to other types if specified.
         * @param message RetaUpdate
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.RetaUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RetaUpdate to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RetaUpdate
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RetaUpdate {

        /** Properties of a RetaUpdate. */
        interface $Properties {

            /** RetaUpdate flowGroups */
            flowGroups?: (number[]|null);

            /** RetaUpdate queue */
            queue?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RetaUpdate. */
        type $Shape = ix.RetaUpdate.$Properties;
    }

    /**
     * Properties of a FaultSettings.
     * @deprecated Use ix.FaultSettings.$Properties instead.
     */
    interface IFaultSettings extends ix.FaultSettings.$Properties {
    }

    /** Represents a FaultSettings. */
    class FaultSettings {

        /**
         * Constructs a new FaultSettings.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.FaultSettings.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FaultSettings direction. */
        direction: string;

        /** FaultSettings loss. */
        loss: number;

        /** FaultSettings duplicate. */
        duplicate: number;

        /** FaultSettings reorder. */
        reorder: number;

        /** FaultSettings corrupt. */
        corrupt: number;

        /** FaultSettings delayUs. */
        delayUs: number;

        /** FaultSettings jitterUs. */
        jitterUs: number;

        /**
         * Encodes the specified FaultSettings message. Does not implicitly {@link ix.FaultSettings.verify|verify} messages.
         * @param message FaultSettings message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.FaultSettings.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FaultSettings message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.FaultSettings & ix.FaultSettings.$Shape} FaultSettings
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.FaultSettings & ix.FaultSettings.$Shape;

        /**
         * Creates a FaultSettings message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FaultSettings
         */
        static fromObject(object: { [k: string]: any }): ix.FaultSettings;

        /**
         * Creates a plain object from a FaultSettings message. Also converts values to other types if specified.
         * @param message FaultSettings
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.FaultSettings, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FaultSettings to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for FaultSettings
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace FaultSettings {

        /** Properties of a FaultSettings. */
        interface $Properties {

            /** FaultSettings direction */
            direction?: (string|null);

            /** FaultSettings loss */
            loss?: (number|null);

            /** FaultSettings duplicate */
            duplicate?: (number|null);

            /** FaultSettings reorder */
            reorder?: (number|null);

            /** FaultSettings corrupt */
            corrupt?: (number|null);

            /** FaultSettings delayUs */
            delayUs?: (number|null);

            /** FaultSettings jitterUs */
            jitterUs?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FaultSettings. */
        type $Shape = ix.FaultSettings.$Properties;
    }

    /**
     * Properties of a FaultState.
     * @deprecated Use ix.FaultState.$Properties instead.
     */
    interface IFaultState extends ix.FaultState.$Properties {
    }

    /** Represents a FaultState. */
    class FaultState {

        /**
         * Constructs a new FaultState.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.FaultState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FaultState in. */
        in?: (ix.FaultSettings.$Properties|null);

        /** FaultState out. */
        out?: (ix.FaultSettings.$Properties|null);

        /**
         * Encodes the specified FaultState message. Does not implicitly {@link ix.FaultState.verify|verify} messages.
         * @param message FaultState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.FaultState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FaultState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.FaultState & ix.FaultState.$Shape} FaultState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.FaultState & ix.FaultState.$Shape;

        /**
         * Creates a FaultState message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FaultState
         */
        static fromObject(object: { [k: string]: any }): ix.FaultState;

        /**
         * Creates a plain object from a FaultState message. Also converts values to other types if specified.
         * @param message FaultState
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.FaultState, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FaultState to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for FaultState
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace FaultState {

        /** Properties of a FaultState. */
        interface $Properties {

            /** FaultState in */
            "in"?: (ix.FaultSettings.$Properties|null);

            /** FaultState out */
            out?: (ix.FaultSettings.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FaultState. */
        type $Shape = ix.FaultState.$Properties;
    }

    /**
     * Properties of a CaptureRequest.
     * @deprecated Use ix.CaptureRequest.$Properties instead.
     */
    interface ICaptureRequest extends ix.CaptureRequest.$Properties {
    }

    /** Represents a CaptureRequest. */
    class CaptureRequest {

        /**
         * Constructs a new CaptureRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.CaptureRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CaptureRequest target. */
        target: string;

        /** CaptureRequest frames. */
        frames: number;

        /** CaptureRequest durationMs. */
        durationMs: number;

        /**
         * Encodes the specified CaptureRequest message. Does not implicitly {@link ix.CaptureRequest.verify|verify} messages.
         * @param message CaptureRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.CaptureRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CaptureRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.CaptureRequest & ix.CaptureRequest.$Shape} CaptureRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.CaptureRequest & ix.CaptureRequest.$Shape;

        /**
         * Creates a CaptureRequest message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns CaptureRequest
         */
        static fromObject(object: { [k: string]: any }): ix.CaptureRequest;

        /**
         * Creates a plain object from a CaptureRequest message. Also converts values to other types if specified.
         * @param message CaptureRequest
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.CaptureRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this CaptureRequest to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for CaptureRequest
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CaptureRequest {

        /** Properties of a CaptureRequest. */
        interface $Properties {

            /** CaptureRequest target */
            target?: (string|null);

            /** CaptureRequest frames */
            frames?: (number|null);

            /** CaptureRequest durationMs */
            durationMs?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CaptureRequest. */
        type $Shape = ix.CaptureRequest.$Properties;
    }

    /**
     * Properties of a CaptureReply.
     * @deprecated Use ix.CaptureReply.$Properties instead.
     */
    interface ICaptureReply extends ix.CaptureReply.$Properties {
    }

    /** Represents a CaptureReply. */
    class CaptureReply {

        /**
         * Constructs a new CaptureReply.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.CaptureReply.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CaptureReply ok. */
        ok: boolean;

        /** CaptureReply error. */
        error: string;

        /** CaptureReply pcap. */
        pcap: Uint8Array;

        /** CaptureReply frames. */
        frames: number;

        /**
         * Encodes the specified CaptureReply message. Does not implicitly {@link ix.CaptureReply.verify|verify} messages.
         * @param message CaptureReply message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.CaptureReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CaptureReply message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.CaptureReply & ix.CaptureReply.$Shape} CaptureReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.CaptureReply & ix.CaptureReply.$Shape;

        /**
         * Creates a CaptureReply message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns CaptureReply
         */
        static fromObject(object: { [k: string]: any }): ix.CaptureReply;

        /**
         * Creates a plain object from a CaptureReply message. Also converts values to other types if specified.
         * @param message CaptureReply
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.CaptureReply, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this CaptureReply to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for CaptureReply
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CaptureReply {

        /** Properties of a CaptureReply. */
        interface $Properties {

            /** CaptureReply ok */
            ok?: (boolean|null);

            /** CaptureReply error */
            error?: (string|null);

            /** CaptureReply pcap */
            pcap?: (Uint8Array|null);

            /** CaptureReply frames */
            frames?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CaptureReply. */
        type $Shape = ix.CaptureReply.$Properties;
    }

    /**
     * Properties of a QueueStatus.
     * @deprecated Use ix.QueueStatus.$Properties instead.
     */
    interface IQueueStatus extends ix.QueueStatus.$Properties {
    }

    /** Represents a QueueStatus. */
    class QueueStatus {

        /**
         * Constructs a new QueueStatus.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.QueueStatus.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** QueueStatus queue. */
        queue: number;

        /** QueueStatus ringSize. */
        ringSize: number;

        /** QueueStatus ringFree. */
        ringFree: number;

        /** QueueStatus rxFrames. */
        rxFrames: number;

        /** QueueStatus rxMissed. */
        rxMissed: number;

        /** QueueStatus txFrames. */
        txFrames: number;

        /**
         * Encodes the specified QueueStatus message. Does not implicitly {@link ix.QueueStatus.verify|verify} messages.
         * @param message QueueStatus message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.QueueStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a QueueStatus message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.QueueStatus & ix.QueueStatus.$Shape} QueueStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.QueueStatus & ix.QueueStatus.$Shape;

        /**
         * Creates a QueueStatus message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns QueueStatus
         */
        static fromObject(object: { [k: string]: any }): ix.QueueStatus;

        /**
         * Creates a plain object from a QueueStatus message. Also converts values to other types if specified.
         * @param message QueueStatus
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.QueueStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this QueueStatus to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for QueueStatus
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace QueueStatus {

        /** Properties of a QueueStatus. */
        interface $Properties {

            /** QueueStatus queue */
            queue?: (number|null);

            /** QueueStatus ringSize */
            ringSize?: (number|null);

            /** QueueStatus ringFree */
            ringFree?: (number|null);

            /** QueueStatus rxFrames */
            rxFrames?: (number|null);

            /** QueueStatus rxMissed */
            rxMissed?: (number|null);

            /** QueueStatus txFrames */
            txFrames?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a QueueStatus. */
        type $Shape = ix.QueueStatus.$Properties;
    }

    /**
     * Properties of a NicStatus.
     * @deprecated Use ix.NicStatus.$Properties instead.
     */
    interface INicStatus extends ix.NicStatus.$Properties {
    }

    /** Represents a NicStatus. */
    class NicStatus {

        /**
         * Constructs a new NicStatus.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.NicStatus.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** NicStatus queues. */
        queues: ix.QueueStatus.$Properties[];

        /** NicStatus retaSize. */
        retaSize: number;

        /** NicStatus wireIn. */
        wireIn: number;

        /** NicStatus wireOut. */
        wireOut: number;

        /** NicStatus faults. */
        faults?: (ix.FaultState.$Properties|null);

        /**
         * Encodes the specified NicStatus message. Does not implicitly {@link ix.NicStatus.verify|verify} messages.
         * @param message NicStatus message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.NicStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a NicStatus message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.NicStatus & ix.NicStatus.$Shape} NicStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.NicStatus & ix.NicStatus.$Shape;

        /**
         * Creates a NicStatus message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns NicStatus
         */
        static fromObject(object: { [k: string]: any }): ix.NicStatus;

        /**
         * Creates a plain object from a NicStatus message. Also converts values to other types if specified.
         * @param message NicStatus
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.NicStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this NicStatus to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for NicStatus
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace NicStatus {

        /** Properties of a NicStatus. */
        interface $Properties {

            /** NicStatus queues */
            queues?: (ix.QueueStatus.$Properties[]|null);

            /** NicStatus retaSize */
            retaSize?: (number|null);

            /** NicStatus wireIn */
            wireIn?: (number|null);

            /** NicStatus wireOut */
            wireOut?: (number|null);

            /** NicStatus faults */
            faults?: (ix.FaultState.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a NicStatus. */
        type $Shape = ix.NicStatus.$Properties;
    }

    /**
     * Properties of a CoreStatus.
     * @deprecated Use ix.CoreStatus.$Properties instead.
     */
    interface ICoreStatus extends ix.CoreStatus.$Properties {
    }

    /** Represents a CoreStatus. */
    class CoreStatus {

        /**
         * Constructs a new CoreStatus.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.CoreStatus.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CoreStatus core. */
        core: number;

        /** CoreStatus active. */
        active: boolean;

        /** CoreStatus flowGroups. */
        flowGroups: number[];

        /** CoreStatus batchSize. */
        batchSize: number;

        /** CoreStatus connections. */
        connections: number;

        /** CoreStatus framesIn. */
        framesIn: number;

        /** CoreStatus framesOut. */
        framesOut: number;

        /** CoreStatus idleFraction. */
        idleFraction: number;

        /** CoreStatus queueEmaFast. */
        queueEmaFast: number;

        /** CoreStatus queueEmaSlow. */
        queueEmaSlow: number;

        /** CoreStatus background. */
        background: boolean;

        /** CoreStatus uptimeS. */
        uptimeS: number;

        /** CoreStatus adminUrl. */
        adminUrl: string;

        /**
         * Encodes the specified CoreStatus message. Does not implicitly {@link ix.CoreStatus.verify|verify} messages.
         * @param message CoreStatus message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.CoreStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CoreStatus message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.CoreStatus & ix.CoreStatus.$Shape} CoreStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.CoreStatus & ix.CoreStatus.$Shape;

        /**
         * Creates a CoreStatus message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns CoreStatus
         */
        static fromObject(object: { [k: string]: any }): ix.CoreStatus;

        /**
         * Creates a plain object from a CoreStatus message. Also converts values to other types if specified.
         * @param message CoreStatus
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.CoreStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this CoreStatus to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for CoreStatus
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CoreStatus {

        /** Properties of a CoreStatus. */
        interface $Properties {

            /** CoreStatus core */
            core?: (number|null);

            /** CoreStatus active */
            active?: (boolean|null);

            /** CoreStatus flowGroups */
            flowGroups?: (number[]|null);

            /** CoreStatus batchSize */
            batchSize?: (number|null);

            /** CoreStatus connections */
            connections?: (number|null);

            /** CoreStatus framesIn */
            framesIn?: (number|null);

            /** CoreStatus framesOut */
            framesOut?: (number|null);

            /** CoreStatus idleFraction */
            idleFraction?: (number|null);

            /** CoreStatus queueEmaFast */
            queueEmaFast?: (number|null);

            /** CoreStatus queueEmaSlow */
            queueEmaSlow?: (number|null);

            /** CoreStatus background */
            background?: (boolean|null);

            /** CoreStatus uptimeS */
            uptimeS?: (number|null);

            /** CoreStatus adminUrl */
            adminUrl?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CoreStatus. */
        type $Shape = ix.CoreStatus.$Properties;
    }

    /**
     * Properties of a Heartbeat.
     * @deprecated Use ix.Heartbeat.$Properties instead.
     */
    interface IHeartbeat extends ix.Heartbeat.$Properties {
    }

    /** Represents a Heartbeat. */
    class Heartbeat {

        /**
         * Constructs a new Heartbeat.
         * @param [properties] Properties to set
         */
        constructor(properties?: ix.Heartbeat.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Heartbeat kind. */
        kind: string;

        /** Heartbeat id. */
        id: string;

        /** Heartbeat timeUs. */
        timeUs: number;

        /** Heartbeat adminUrl. */
        adminUrl: string;

        /**
         * Encodes the specified Heartbeat message. Does not implicitly {@link ix.Heartbeat.verify|verify} messages.
         * @param message Heartbeat message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ix.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Heartbeat message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ix.Heartbeat & ix.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ix.Heartbeat & ix.Heartbeat.$Shape;

        /**
         * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Heartbeat
         */
        static fromObject(object: { [k: string]: any }): ix.Heartbeat;

        /**
         * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
         * @param message Heartbeat
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: ix.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Heartbeat to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Heartbeat
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Heartbeat {

        /** Properties of a Heartbeat. */
        interface $Properties {

            /** Heartbeat kind */
            kind?: (string|null);

            /** Heartbeat id */
            id?: (string|null);

            /** Heartbeat timeUs */
            timeUs?: (number|null);

            /** Heartbeat adminUrl */
            adminUrl?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Heartbeat. */
        type $Shape = ix.Heartbeat.$Properties;
    }
}
