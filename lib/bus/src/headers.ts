// NATS message headers of the control requests (ix.nic.ctl.*, ix.core.<c>.ctl).
// Both sides import them from here: the NIC and the cores set them, IXCP and
// ixctl read them.

/** On a reply: the request was refused; the value is the reason, one line. */
export const ERROR_HEADER = "Ix-Error";
/** On a request whose body alone does not say its type (ix.nic.ctl.reta.set: "Reta" or "RetaUpdate"). */
export const MSG_TYPE_HEADER = "Ix-Msg-Type";
