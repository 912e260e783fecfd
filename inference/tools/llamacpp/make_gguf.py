#!/usr/bin/python3
"""Write a random-weight GGUF (v3) with the exact Qwen2.5-1.5B-Instruct shape, quantized like
`llama-quantize ... Q4_0` would do it (no imatrix):
  * every 2-D weight in the blocks -> Q4_0
  * token_embd.weight (tied, no output.weight) -> Q6_K by default, because llama-quant.cpp quantizes a
    tied token_embd with the *output* tensor rule, which picks Q6_K for Q4_0 files.
    Pass --embd q4_0 to get an all-Q4_0 file instead.
  * norms and Q/K/V biases -> F32
Usage: make_gguf.py OUT.gguf [--embd q6_k|q4_0] [--seed N]
"""
import argparse, struct, sys, time
import numpy as np

# ---- shape (Qwen2.5-1.5B-Instruct) ----
N_LAYER, N_EMBD, N_HEAD, N_HEAD_KV, HEAD_DIM = 28, 1536, 12, 2, 128
N_FF, N_VOCAB, N_CTX, ROPE_THETA, RMS_EPS = 8960, 151936, 32768, 1000000.0, 1e-6
N_KV_DIM = N_HEAD_KV * HEAD_DIM  # 256

# ggml types / gguf value types
F32, Q4_0, Q6_K = 0, 2, 14
T_U32, T_I32, T_F32, T_BOOL, T_STR, T_ARR = 4, 5, 6, 7, 8, 9
ALIGN = 32

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--embd", choices=["q6_k", "q4_0"], default="q6_k")
ap.add_argument("--seed", type=int, default=1234)
args = ap.parse_args()
rng = np.random.default_rng(args.seed)
t0 = time.time()

# ---- random quantized payloads (values never decode to NaN/Inf) ----
def q4_0(ne0, ne1):
    # block_q4_0 = { fp16 d; uint8 qs[16]; } -> w = d * (nibble - 8); |w| <= ~0.02
    nb = ne0 * ne1 // 32
    blk = np.empty((nb, 18), np.uint8)
    blk[:, 2:] = rng.integers(0, 256, (nb, 16), dtype=np.uint8)
    blk[:, :2] = rng.uniform(0.0015, 0.0035, nb).astype(np.float16).view(np.uint8).reshape(nb, 2)
    return blk

def q6_k(ne0, ne1):
    # block_q6_K = { uint8 ql[128]; uint8 qh[64]; int8 scales[16]; fp16 d; } -> w = d*scale*(q-32)
    nb = ne0 * ne1 // 256
    blk = np.empty((nb, 210), np.uint8)
    blk[:, :192] = rng.integers(0, 256, (nb, 192), dtype=np.uint8)
    blk[:, 192:208] = rng.integers(1, 16, (nb, 16), dtype=np.int8).view(np.uint8)
    blk[:, 208:] = rng.uniform(1e-4, 3e-4, nb).astype(np.float16).view(np.uint8).reshape(nb, 2)
    return blk

def f32(shape, mean=0.0, std=0.02):
    return (mean + std * rng.standard_normal(shape)).astype(np.float32)

tensors = []  # (name, ne list (ne0 first), ggml type, numpy payload)
def add(name, ne, typ, data):
    tensors.append((name, ne, typ, data))

if args.embd == "q6_k":
    add("token_embd.weight", [N_EMBD, N_VOCAB], Q6_K, q6_k(N_EMBD, N_VOCAB))
else:
    add("token_embd.weight", [N_EMBD, N_VOCAB], Q4_0, q4_0(N_EMBD, N_VOCAB))
for i in range(N_LAYER):
    p = f"blk.{i}."
    add(p + "attn_norm.weight", [N_EMBD], F32, f32(N_EMBD, 1.0, 0.05))
    add(p + "attn_q.weight", [N_EMBD, N_EMBD], Q4_0, q4_0(N_EMBD, N_EMBD))
    add(p + "attn_q.bias", [N_EMBD], F32, f32(N_EMBD))
    add(p + "attn_k.weight", [N_EMBD, N_KV_DIM], Q4_0, q4_0(N_EMBD, N_KV_DIM))
    add(p + "attn_k.bias", [N_KV_DIM], F32, f32(N_KV_DIM))
    add(p + "attn_v.weight", [N_EMBD, N_KV_DIM], Q4_0, q4_0(N_EMBD, N_KV_DIM))
    add(p + "attn_v.bias", [N_KV_DIM], F32, f32(N_KV_DIM))
    add(p + "attn_output.weight", [N_EMBD, N_EMBD], Q4_0, q4_0(N_EMBD, N_EMBD))
    add(p + "ffn_norm.weight", [N_EMBD], F32, f32(N_EMBD, 1.0, 0.05))
    add(p + "ffn_gate.weight", [N_EMBD, N_FF], Q4_0, q4_0(N_EMBD, N_FF))
    add(p + "ffn_up.weight", [N_EMBD, N_FF], Q4_0, q4_0(N_EMBD, N_FF))
    add(p + "ffn_down.weight", [N_FF, N_EMBD], Q4_0, q4_0(N_FF, N_EMBD))
add("output_norm.weight", [N_EMBD], F32, f32(N_EMBD, 1.0, 0.05))
# no output.weight: tied embeddings, llama.cpp reuses token_embd for the LM head

# ---- synthetic GPT-2 byte-level tokenizer ----
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    return [chr(c) for b, c in sorted(zip(bs, cs))]

byte_tok = bytes_to_unicode()                      # 256 single-char tokens, index = byte value
merges = ["Ġ t", "Ġ a", "h e", "i n", "r e", "o n", "Ġt he", "e r"]
tokens = byte_tok + [m.replace(" ", "") for m in merges]
N_REGULAR, EOT, IM_START, IM_END = 151643, 151643, 151644, 151645
tokens += [f"tok{i}" for i in range(len(tokens), N_REGULAR)]
specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"] + [f"<|extra_{i}|>" for i in range(19)]  # 22 like Qwen2.5
tokens += specials
toktypes = [1] * N_REGULAR + [3] * len(specials)     # 1 = NORMAL, 3 = CONTROL
tokens += [f"[PAD{i}]" for i in range(len(tokens), N_VOCAB)]
toktypes += [5] * (N_VOCAB - len(toktypes))          # 5 = UNUSED (as convert_hf_to_gguf does for padding)
assert len(tokens) == N_VOCAB == len(set(tokens)) == len(toktypes)

# ---- metadata ----
kv = [
    ("general.architecture", T_STR, "qwen2"),
    ("general.name", T_STR, "random-qwen2.5-1.5b-shape"),
    ("general.file_type", T_U32, 2),                 # LLAMA_FTYPE_MOSTLY_Q4_0
    ("general.quantization_version", T_U32, 2),
    ("general.alignment", T_U32, ALIGN),
    ("qwen2.block_count", T_U32, N_LAYER),
    ("qwen2.context_length", T_U32, N_CTX),
    ("qwen2.embedding_length", T_U32, N_EMBD),
    ("qwen2.feed_forward_length", T_U32, N_FF),
    ("qwen2.attention.head_count", T_U32, N_HEAD),
    ("qwen2.attention.head_count_kv", T_U32, N_HEAD_KV),
    ("qwen2.rope.freq_base", T_F32, ROPE_THETA),
    ("qwen2.attention.layer_norm_rms_epsilon", T_F32, RMS_EPS),
    ("tokenizer.ggml.model", T_STR, "gpt2"),
    ("tokenizer.ggml.pre", T_STR, "qwen2"),
    ("tokenizer.ggml.tokens", T_ARR, (T_STR, tokens)),
    ("tokenizer.ggml.token_type", T_ARR, (T_I32, toktypes)),
    ("tokenizer.ggml.merges", T_ARR, (T_STR, merges)),
    ("tokenizer.ggml.bos_token_id", T_U32, EOT),
    ("tokenizer.ggml.eos_token_id", T_U32, IM_END),
    ("tokenizer.ggml.padding_token_id", T_U32, EOT),
    ("tokenizer.ggml.add_bos_token", T_BOOL, False),
]

def s(x):
    b = x.encode("utf-8")
    return struct.pack("<Q", len(b)) + b

def val(t, v):
    if t == T_STR: return s(v)
    if t == T_U32: return struct.pack("<I", v)
    if t == T_I32: return struct.pack("<i", v)
    if t == T_F32: return struct.pack("<f", v)
    if t == T_BOOL: return struct.pack("<?", v)
    if t == T_ARR:
        et, items = v
        head = struct.pack("<IQ", et, len(items))
        if et == T_I32: return head + np.asarray(items, "<i4").tobytes()
        return head + b"".join(val(et, it) for it in items)
    raise ValueError(t)

hdr = [b"GGUF", struct.pack("<IQQ", 3, len(tensors), len(kv))]
for k, t, v in kv:
    hdr += [s(k), struct.pack("<I", t), val(t, v)]
off = 0
for name, ne, typ, data in tensors:
    hdr += [s(name), struct.pack("<I", len(ne)), struct.pack(f"<{len(ne)}Q", *ne), struct.pack("<IQ", typ, off)]
    off += -(-data.nbytes // ALIGN) * ALIGN
hdr = b"".join(hdr)

with open(args.out, "wb") as f:
    f.write(hdr + b"\0" * (-len(hdr) % ALIGN))
    for name, ne, typ, data in tensors:
        f.write(data.tobytes())
        f.write(b"\0" * (-data.nbytes % ALIGN))
    size = f.tell()
print(f"wrote {args.out}: {len(tensors)} tensors, {size/1e6:.1f} MB ({size} bytes), "
      f"token_embd={args.embd}, {time.time()-t0:.1f}s")
