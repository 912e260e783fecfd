#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generate tiny random-weight Qwen2-architecture test models for Pith.

Default mode (no arguments) regenerates the committed, deterministic test set:

    inference/src/test/resources/models/tiny-genai/     onnxruntime-genai model-builder layout
    inference/src/test/resources/models/tiny-optimum/   Optimum / transformers.js layout
    inference/src/test/resources/models/reference.json  numpy float64 reference outputs
    inference/src/test/resources/templates/*.jinja      real Qwen2.5 / DeepSeek-R1-Distill chat templates

`--full-shape --out DIR` writes a benchmark-only model with the exact Qwen2.5-1.5B
shape (genai layout, external data, random int4 weights, accuracy_level=4).

Requirements: python3 with numpy, onnx (1.12+), regex, jinja2. No onnxruntime needed.
Both tiny layouts share exactly the same weights; the reference is computed by an
independent numpy forward pass (float64, full recompute, no KV cache).
"""
import argparse
import json
import os
import shutil
import sys
import time
import unicodedata
from collections import Counter

import numpy as np
import onnx
from onnx import TensorProto, helper
import regex

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RESOURCES = os.path.normpath(os.path.join(HERE, "..", "..", "src", "test", "resources"))

# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------
ENDOFTEXT, IM_START, IM_END = "<|endoftext|>", "<|im_start|>", "<|im_end|>"
SPECIAL_TOKENS = [ENDOFTEXT, IM_START, IM_END]
# 256 byte tokens + 253 learned tokens + 3 special tokens = 512 (a multiple of 8),
# so the model vocab_size equals the tokenizer size and needs no padding rows.
NUM_LEARNED_TOKENS = 253

QWEN2_SPLIT_REGEX = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""

TINY = dict(
    hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
    head_size=16, intermediate_size=128, rope_theta=10000.0, rms_norm_eps=1e-6,
    context_length=256,
)
FULL = dict(
    hidden_size=1536, num_hidden_layers=28, num_attention_heads=12, num_key_value_heads=2,
    head_size=128, intermediate_size=8960, rope_theta=1000000.0, rms_norm_eps=1e-6,
    context_length=32768, vocab_size=151936,
)
BLOCK_SIZE = 32
WEIGHT_SEED = 20240601
PROMPT_SEED = 777
MAX_NEW_TOKENS = 24
MIN_MARGIN = 1e-3

# Qwen2.5-Instruct chat template (tokenizer_config.json "chat_template" of Qwen/Qwen2.5-*-Instruct), verbatim.
QWEN25_CHAT_TEMPLATE = r'''{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
    {%- else %}
        {{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}
'''

# DeepSeek-R1-Distill-Qwen-1.5B chat template (tokenizer_config.json "chat_template", current
# revision that ends the generation prompt with "<think>\n"), verbatim. Single line, no trailing newline.
DEEPSEEK_R1_DISTILL_CHAT_TEMPLATE = (
    r'''{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}'''
    r'''{% set ns = namespace(is_first=false, is_tool=false, is_output_first=true, system_prompt='') %}'''
    r'''{%- for message in messages %}{%- if message['role'] == 'system' %}{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}'''
    r'''{{bos_token}}{{ns.system_prompt}}'''
    r'''{%- for message in messages %}'''
    r'''{%- if message['role'] == 'user' %}{%- set ns.is_tool = false -%}{{'<｜User｜>' + message['content']}}{%- endif %}'''
    r'''{%- if message['role'] == 'assistant' and message['content'] is none %}{%- set ns.is_tool = false -%}'''
    r'''{%- for tool in message['tool_calls']%}'''
    r'''{%- if not ns.is_first %}{{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\n' + '```json' + '\n' + tool['function']['arguments'] + '\n' + '```' + '<｜tool▁call▁end｜>'}}{%- set ns.is_first = true -%}'''
    r'''{%- else %}{{'\n' + '<｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\n' + '```json' + '\n' + tool['function']['arguments'] + '\n' + '```' + '<｜tool▁call▁end｜>'}}{{'<｜tool▁calls▁end｜><｜end▁of▁sentence｜>'}}{%- endif %}'''
    r'''{%- endfor %}{%- endif %}'''
    r'''{%- if message['role'] == 'assistant' and message['content'] is not none %}'''
    r'''{%- if ns.is_tool %}{{'<｜tool▁outputs▁end｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}{%- set ns.is_tool = false -%}'''
    r'''{%- else %}{% set content = message['content'] %}{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endif %}'''
    r'''{%- if message['role'] == 'tool' %}{%- set ns.is_tool = true -%}'''
    r'''{%- if ns.is_output_first %}{{'<｜tool▁outputs▁begin｜><｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- set ns.is_output_first = false %}'''
    r'''{%- else %}{{'\n<｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- endif %}{%- endif %}'''
    r'''{%- endfor -%}'''
    r'''{% if ns.is_tool %}{{'<｜tool▁outputs▁end｜>'}}{% endif %}'''
    r'''{% if add_generation_prompt and not ns.is_tool %}{{'<｜Assistant｜><think>\n'}}{% endif %}'''
)
DEEPSEEK_BOS = "<｜begin▁of▁sentence｜>"
DEEPSEEK_EOS = "<｜end▁of▁sentence｜>"

# Small multilingual training corpus for the toy BPE (English, French, German, Spanish, a bit of
# code, digits, emoji and CJK). Written for this project.
CORPUS = """\
The quick brown fox jumps over the lazy dog. The dog was not amused, but the fox kept running.
Hello! How are you today? I'm fine, thanks. We're going to the market, and they've already left.
You'll need a key, a map and a little patience. It's the thing that matters, isn't it?
Pith is an offline chat assistant. It runs small language models on your own computer, without the network.
The model reads the prompt, then it predicts the next token, one token at a time, until it stops.
Please write a short answer. Keep it simple and clear. Thank you for your help!
In the morning the weather was cold; in the afternoon it was warm and the sun was shining.
Bonjour, je m'appelle Claire. J'habite à Paris, près de la gare. Ça va très bien, merci !
Le café est déjà prêt. Voulez-vous du thé ou du café ? La crème brûlée était délicieuse.
Où est la bibliothèque ? Elle est à côté de l'école, en face du marché. C'est très pratique.
L'été dernier, nous sommes allés à la plage. Les enfants ont joué dans l'eau toute la journée.
Tu es un assistant concis. Réponds en français, s'il te plaît, avec des phrases courtes.
Les élèves préfèrent les exercices où il faut réfléchir. Noël approche et la forêt est enneigée.
Guten Morgen! Wie geht es dir? Mir geht es gut, danke. Die Straße ist heute sehr ruhig.
Ich möchte gern ein Stück Käsekuchen und einen großen Kaffee. Schöne Grüße aus München!
Über den Bergen ist Ruh. Die Bäume sind grün, und die Vögel singen fröhlich im Frühling.
Die Größe der Datei ist übermäßig, aber die Qualität ist gut. Äpfel, Öl und Süßigkeiten.
Hola, ¿qué tal? Muy bien, gracias. ¿Dónde está la estación? Mañana vamos a la montaña.
El niño comió una manzana y bebió agua. La canción es muy bonita. ¡Qué día tan bonito!
Numbers: 0 1 2 3 4 5 6 7 8 9 10 42 100 2024 3.14159 12345 67890, and the year 1999.
def add(a, b):
    return a + b

for i in range(10):
    print(i, add(i, i))

if (x > 0) { return x * 2; } else { return -x; }
Emoji are fun 🙂 😀 👍 👍🏽 ❤️ 🎉 🚀 and they are made of several bytes each 🙂🙂.
中文测试：你好，世界。今天天气很好。我们一起学习。日本語のテキストも少しあります。
The end. The beginning. The middle. Then again, the answer is the question, and the question is the answer.
"""


# --------------------------------------------------------------------------------------
# Byte-level BPE tokenizer (Hugging Face `tokenizers` semantics, Qwen2 configuration)
# --------------------------------------------------------------------------------------
def bytes_to_unicode():
    """GPT-2 byte <-> unicode map. Returned list order defines the base vocab ids (like GPT-2/Qwen2)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [(b, chr(c)) for b, c in zip(bs, cs)]


BYTE_ORDER = bytes_to_unicode()
BYTE_TO_CHAR = {b: c for b, c in BYTE_ORDER}
CHAR_TO_BYTE = {c: b for b, c in BYTE_ORDER}
SPLIT_RE = regex.compile(QWEN2_SPLIT_REGEX)


def pre_tokenize(text):
    """NFC + Qwen2 Split(Isolated) + ByteLevel(use_regex=false) on a segment without added tokens."""
    text = unicodedata.normalize("NFC", text)
    pieces = []
    pos = 0
    for m in SPLIT_RE.finditer(text):
        if m.start() > pos:
            pieces.append(text[pos:m.start()])
        if m.end() > m.start():
            pieces.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return ["".join(BYTE_TO_CHAR[b] for b in p.encode("utf-8")) for p in pieces]


def merge_pair(symbols, a, b):
    """Replaces every adjacent (a, b) in symbols, left to right, by the merged symbol a + b."""
    out, i = [], 0
    while i < len(symbols):
        if i < len(symbols) - 1 and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(corpus, num_learned):
    words = Counter(pre_tokenize(corpus))
    vocab = [c for _, c in BYTE_ORDER]
    vocab_set = set(vocab)
    syms = {w: list(w) for w in words}
    merges = []
    while len(vocab) < 256 + num_learned:
        pairs = Counter()
        for w, f in words.items():
            s = syms[w]
            for i in range(len(s) - 1):
                pairs[(s[i], s[i + 1])] += f
        if not pairs:
            raise RuntimeError("corpus too small for the requested number of merges")
        best = min(pairs, key=lambda p: (-pairs[p], p))
        if pairs[best] < 2:
            raise RuntimeError("corpus too small: best pair occurs once")
        a, b = best
        merges.append(best)
        if a + b not in vocab_set:
            vocab.append(a + b)
            vocab_set.add(a + b)
        for w in words:
            s = syms[w]
            if len(s) < 2:
                continue
            syms[w] = merge_pair(s, a, b)
    return vocab, merges


class Tokenizer:
    def __init__(self, vocab_list, merges, specials):
        self.vocab = {t: i for i, t in enumerate(vocab_list)}
        for s in specials:
            self.vocab[s] = len(self.vocab)
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.merges = merges
        self.ranks = {m: r for r, m in enumerate(merges)}
        self.specials = list(specials)
        self.special_ids = {self.vocab[s] for s in specials}
        self.special_re = regex.compile("|".join(regex.escape(s) for s in sorted(specials, key=len, reverse=True)))
        self.cache = {}

    def __len__(self):
        return len(self.vocab)

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        s = list(word)
        while len(s) > 1:
            best = None
            for i in range(len(s) - 1):
                r = self.ranks.get((s[i], s[i + 1]))
                if r is not None and (best is None or r < best[0]):
                    best = (r, i)
            if best is None:
                break
            a, b = s[best[1]], s[best[1] + 1]
            s = merge_pair(s, a, b)
        self.cache[word] = s
        return s

    def encode(self, text):
        ids = []
        pos = 0
        segments = []
        for m in self.special_re.finditer(text):
            segments.append((False, text[pos:m.start()]))
            segments.append((True, m.group(0)))
            pos = m.end()
        segments.append((False, text[pos:]))
        for is_special, seg in segments:
            if is_special:
                ids.append(self.vocab[seg])
            elif seg:
                for piece in pre_tokenize(seg):
                    ids.extend(self.vocab[t] for t in self.bpe(piece))
        return ids

    def decode(self, ids, skip_special_tokens=False):
        data = bytearray()
        for i in ids:
            if skip_special_tokens and i in self.special_ids:
                continue
            tok = self.id_to_token[i]
            if all(c in CHAR_TO_BYTE for c in tok):
                data.extend(CHAR_TO_BYTE[c] for c in tok)
            else:
                data.extend(tok.encode("utf-8"))
        return data.decode("utf-8", errors="replace")

    # ---- file formats
    def tokenizer_json(self):
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
        vocab = {t: i for t, i in self.vocab.items() if t not in self.specials}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": self.vocab[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True}
                for s in self.specials
            ],
            "normalizer": {"type": "NFC"},
            "pre_tokenizer": {
                "type": "Sequence",
                "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex": QWEN2_SPLIT_REGEX}, "behavior": "Isolated", "invert": False},
                    dict(byte_level),
                ],
            },
            "post_processor": dict(byte_level),
            "decoder": dict(byte_level),
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": None,
                "continuing_subword_prefix": "",
                "end_of_word_suffix": "",
                "fuse_unk": False,
                "byte_fallback": False,
                "ignore_merges": False,
                "vocab": vocab,
                "merges": [a + " " + b for a, b in self.merges],
            },
        }

    def tokenizer_config_json(self):
        return {
            "add_bos_token": False,
            "add_prefix_space": False,
            "added_tokens_decoder": {
                str(self.vocab[s]): {"content": s, "lstrip": False, "normalized": False, "rstrip": False,
                                     "single_word": False, "special": True}
                for s in self.specials
            },
            "additional_special_tokens": [IM_START, IM_END],
            "bos_token": None,
            "chat_template": QWEN25_CHAT_TEMPLATE,
            "clean_up_tokenization_spaces": False,
            "eos_token": IM_END,
            "errors": "replace",
            "model_max_length": 131072,
            "pad_token": ENDOFTEXT,
            "split_special_tokens": False,
            "tokenizer_class": "Qwen2Tokenizer",
            "unk_token": None,
        }


def build_tokenizer():
    vocab, merges = train_bpe(CORPUS, NUM_LEARNED_TOKENS)
    return Tokenizer(vocab, merges, SPECIAL_TOKENS)


# --------------------------------------------------------------------------------------
# Chat templates rendered like HF transformers
# --------------------------------------------------------------------------------------
def render_chat(template, messages, add_generation_prompt=True, **kwargs):
    try:
        import jinja2
    except ImportError:
        sys.exit("jinja2 is required (Debian: apt-get install -y python3-jinja2)")
    import jinja2.ext
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    return env.from_string(template).render(messages=messages, tools=None, documents=None,
                                            add_generation_prompt=add_generation_prompt, **kwargs)


# --------------------------------------------------------------------------------------
# int4 block quantization in ORT MatMulNBits layout
# --------------------------------------------------------------------------------------
def quantize_int4(w):
    """w: float32 [K, N] (Y = A @ w). Asymmetric int4, block 32 along K.

    Returns dict: B uint8 [N, K/32, 16], scales float32 [N*K/32], zp uint8 [N*ceil(K/32/2)],
    deq float64 [K, N] = (q - zp) * scale.
    """
    K, N = w.shape
    assert K % BLOCK_SIZE == 0
    nb = K // BLOCK_SIZE
    wt = np.ascontiguousarray(w.T, dtype=np.float32).reshape(N, nb, BLOCK_SIZE)
    mn = np.minimum(wt.min(axis=2), 0.0).astype(np.float32)
    mx = np.maximum(wt.max(axis=2), 0.0).astype(np.float32)
    scale = ((mx - mn) / np.float32(15.0)).astype(np.float32)
    scale = np.where(scale == 0, np.float32(1.0), scale).astype(np.float32)
    zp = np.clip(np.round(-mn / scale), 0, 15).astype(np.uint8)
    q = np.clip(np.round(wt / scale[:, :, None]) + zp[:, :, None], 0, 15).astype(np.uint8)
    B = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)
    zpp = zp
    if nb % 2:
        zpp = np.concatenate([zp, np.zeros((N, 1), np.uint8)], axis=1)
    zp_packed = (zpp[:, 0::2] | (zpp[:, 1::2] << 4)).astype(np.uint8).reshape(-1)
    deq = (q.astype(np.float64) - zp[:, :, None].astype(np.float64)) * scale[:, :, None].astype(np.float64)
    deq = deq.reshape(N, K).T.copy()
    return {"B": B, "scales": scale.reshape(-1), "zp": zp_packed, "deq": deq, "K": K, "N": N}


# --------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------
LINEARS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def linear_shapes(d):
    H, I = d["hidden_size"], d["intermediate_size"]
    q = d["num_attention_heads"] * d["head_size"]
    kv = d["num_key_value_heads"] * d["head_size"]
    return {"q_proj": (H, q), "k_proj": (H, kv), "v_proj": (H, kv), "o_proj": (q, H),
            "gate_proj": (H, I), "up_proj": (H, I), "down_proj": (I, H)}


def make_tiny_weights(d, seed):
    rng = np.random.default_rng(seed)
    V, H = d["vocab_size"], d["hidden_size"]

    def nrm(shape, std):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    std = {"q_proj": 0.16, "k_proj": 0.16, "v_proj": 0.2, "o_proj": 0.2,
           "gate_proj": 0.2, "up_proj": 0.2, "down_proj": 0.15}
    w = {"embed": nrm((V, H), 0.45)}
    for i in range(d["num_hidden_layers"]):
        p = f"layers.{i}."
        w[p + "input_layernorm"] = (1.0 + nrm((H,), 0.1)).astype(np.float32)
        w[p + "post_attention_layernorm"] = (1.0 + nrm((H,), 0.1)).astype(np.float32)
        for name, (K, N) in linear_shapes(d).items():
            w[p + name] = quantize_int4(nrm((K, N), std[name]))
        for name in ("q_proj", "k_proj", "v_proj"):
            w[p + name + ".bias"] = nrm((w[p + name]["N"],), 0.3)
    w["norm"] = (1.0 + nrm((H,), 0.1)).astype(np.float32)
    w["lm_head"] = quantize_int4(np.ascontiguousarray(w["embed"].T))  # tied embeddings
    return w


class TinyProvider:
    def __init__(self, w):
        self.w = w

    def embed(self):
        return self.w["embed"]

    def norm(self, key):
        return self.w[key]

    def bias(self, key, n):
        return self.w[key]

    def linear(self, key, K, N):
        q = self.w[key]
        assert (q["K"], q["N"]) == (K, N)
        return q["B"], q["scales"], q["zp"]


class RandomProvider:
    """Random weights for the full-shape benchmark model (random packed int4 bytes, no quantization)."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def embed_shape(self, V, H):
        return (self.rng.standard_normal((V, H), dtype=np.float32) * np.float32(0.02))

    def norm(self, key, H):
        return (1.0 + 0.05 * self.rng.standard_normal(H)).astype(np.float32)

    def bias(self, key, n):
        return (0.05 * self.rng.standard_normal(n)).astype(np.float32)

    def linear(self, key, K, N):
        nb = K // BLOCK_SIZE
        B = np.frombuffer(self.rng.bytes(N * nb * (BLOCK_SIZE // 2)), dtype=np.uint8).reshape(N, nb, BLOCK_SIZE // 2)
        scales = self.rng.uniform(0.002, 0.005, N * nb).astype(np.float32)
        zp = np.frombuffer(self.rng.bytes(N * ((nb + 1) // 2)), dtype=np.uint8)
        return B, scales, zp


# --------------------------------------------------------------------------------------
# ONNX graph helpers
# --------------------------------------------------------------------------------------
NP2ONNX = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.int64): TensorProto.INT64,
           np.dtype(np.int32): TensorProto.INT32, np.dtype(np.uint8): TensorProto.UINT8}


class ExternalData:
    def __init__(self, path, location):
        self.f = open(path, "wb")
        self.location = location
        self.offset = 0

    def write(self, arr):
        arr = np.ascontiguousarray(arr)
        nbytes = arr.nbytes
        align = 4096 if nbytes >= (1 << 20) else 16
        pad = (-self.offset) % align
        if pad:
            self.f.write(b"\0" * pad)
            self.offset += pad
        off = self.offset
        self.f.write(memoryview(arr.reshape(-1).view(np.uint8)))
        self.offset += nbytes
        return off, nbytes

    def close(self):
        self.f.close()


class GraphBuilder:
    def __init__(self, external=None):
        self.nodes = []
        self.inits = []
        self.external = external
        self.names = set()

    def init(self, name, arr, external=True):
        arr = np.asarray(arr)
        t = TensorProto()
        t.name = name
        t.data_type = NP2ONNX[arr.dtype]
        t.dims.extend(arr.shape)
        if external and self.external is not None:
            off, n = self.external.write(arr)
            t.data_location = TensorProto.EXTERNAL
            for k, v in (("location", self.external.location), ("offset", str(off)), ("length", str(n))):
                e = t.external_data.add()
                e.key = k
                e.value = v
        else:
            t.raw_data = np.ascontiguousarray(arr).tobytes()
        self.inits.append(t)
        return name

    def const(self, name, arr):
        if name not in self.names:
            self.names.add(name)
            self.init(name, arr, external=False)
        return name

    def node(self, op, inputs, name, n_out=1, domain=None, outputs=None, **attrs):
        if outputs is None:
            outputs = [f"{name}/output_{i}" for i in range(n_out)]
        kw = {"domain": domain} if domain else {}
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, **kw, **attrs))
        return outputs[0] if len(outputs) == 1 else outputs

    def matmul_nbits(self, x, prefix, init_prefix, K, N, provider_args, accuracy_level, provider):
        B, scales, zp = provider.linear(*provider_args)
        b = self.init(init_prefix + ".MatMul.weight_Q4", B)
        s = self.init(init_prefix + ".MatMul.weight_scales", scales)
        z = self.init(init_prefix + ".MatMul.weight_zero_points", zp)
        return self.node("MatMulNBits", [x, b, s, z], prefix + "/MatMul", domain="com.microsoft",
                         K=K, N=N, bits=4, block_size=BLOCK_SIZE, accuracy_level=accuracy_level)

    def model(self, graph_name, inputs, outputs, path):
        graph = helper.make_graph(self.nodes, graph_name, inputs, outputs, initializer=self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
                              producer_name="pith-testmodels", producer_version="1")
        m.ir_version = 8
        with open(path, "wb") as f:
            f.write(m.SerializeToString())


def rope_tables(d):
    hd = d["head_size"]
    inv_freq = 1.0 / (d["rope_theta"] ** (np.arange(0, hd, 2, dtype=np.int64).astype(np.float32) / hd))
    t = np.arange(d["context_length"], dtype=np.int64).astype(np.float32)
    freqs = np.outer(t, inv_freq.astype(np.float32)).astype(np.float32)
    return np.cos(freqs).astype(np.float32), np.sin(freqs).astype(np.float32)


def kv_io(d, prefix_in, prefix_out):
    kv, hd = d["num_key_value_heads"], d["head_size"]
    ins, outs = [], []
    for i in range(d["num_hidden_layers"]):
        for kind in ("key", "value"):
            ins.append(helper.make_tensor_value_info(f"{prefix_in}.{i}.{kind}", TensorProto.FLOAT,
                                                     ["batch_size", kv, "past_sequence_length", hd]))
            outs.append(helper.make_tensor_value_info(f"{prefix_out}.{i}.{kind}", TensorProto.FLOAT,
                                                      ["batch_size", kv, "total_sequence_length", hd]))
    return ins, outs


# --------------------------------------------------------------------------------------
# Layout 1: onnxruntime-genai model builder (GroupQueryAttention, Skip/SimplifiedLayerNorm)
# --------------------------------------------------------------------------------------
def build_genai_model(d, provider, out_dir, accuracy_level, full_random=False):
    os.makedirs(out_dir, exist_ok=True)
    H, V, L = d["hidden_size"], d["vocab_size"], d["num_hidden_layers"]
    nh, kvh, hd, I = d["num_attention_heads"], d["num_key_value_heads"], d["head_size"], d["intermediate_size"]
    eps = float(d["rms_norm_eps"])
    ext = ExternalData(os.path.join(out_dir, "model.onnx.data"), "model.onnx.data")
    g = GraphBuilder(external=ext)
    shapes = linear_shapes(d)

    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"])]
    kv_in, kv_out = kv_io(d, "past_key_values", "present")
    inputs += kv_in
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", V])] + kv_out

    # attention mask -> seqlens_k / total_sequence_length (as the model builder does for GQA)
    p = "/model/attn_mask_reformat/attn_mask_subgraph"
    one_1d = g.const("/model/constants/TensorProto.INT64/1D/1", np.array([1], np.int64))
    one_0d = g.const("/model/constants/TensorProto.INT64/0D/1", np.array(1, np.int64))
    rs = g.node("ReduceSum", ["attention_mask", one_1d], p + "/ReduceSum", keepdims=0)
    sub = g.node("Sub", [rs, one_0d], p + "/Sub")
    seqlens_k = g.node("Cast", [sub], p + "/Sub/Cast", to=TensorProto.INT32)
    shp = g.node("Shape", ["attention_mask"], p + "/Shape")
    tot = g.node("Gather", [shp, one_0d], p + "/Gather", axis=0)
    total_len = g.node("Cast", [tot], p + "/Gather/Cast", to=TensorProto.INT32)

    cos, sin = rope_tables(d)
    g.init("cos_cache", cos)
    g.init("sin_cache", sin)
    del cos, sin

    if full_random:
        emb_w = provider.embed_shape(V, H)
    else:
        emb_w = provider.embed()
    g.init("model.embed_tokens.weight", emb_w)
    del emb_w
    emb = g.node("Gather", ["model.embed_tokens.weight", "input_ids"], "/model/embed_tokens/Gather")

    def norm_w(key):
        return provider.norm(key, H) if full_random else provider.norm(key)

    w0 = g.init("model.layers.0.input_layernorm.weight", norm_w("layers.0.input_layernorm"))
    hidden = g.node("SimplifiedLayerNormalization", [emb, w0], "/model/layers.0/input_layernorm/LayerNorm",
                    axis=-1, epsilon=eps, stash_type=1)
    residual = emb
    prev_out = None
    for i in range(L):
        lp = f"/model/layers.{i}"
        ip = f"model.layers.{i}"
        if i > 0:
            wn = g.init(ip + ".input_layernorm.weight", norm_w(f"layers.{i}.input_layernorm"))
            outs = g.node("SkipSimplifiedLayerNormalization", [prev_out, residual, wn], lp + "/input_layernorm/SkipLayerNorm",
                          domain="com.microsoft", epsilon=eps,
                          outputs=[lp + "/input_layernorm/output_0", "", "", lp + "/input_layernorm/output_3"])
            hidden, residual = outs[0], outs[3]
        qkv = []
        for name in ("q_proj", "k_proj", "v_proj"):
            K, N = shapes[name]
            mm = g.matmul_nbits(hidden, f"{lp}/attn/{name}", f"{ip}.attn.{name}", K, N,
                                (f"layers.{i}.{name}", K, N), accuracy_level, provider)
            b = g.init(f"{ip}.attn.{name}.Add.bias", provider.bias(f"layers.{i}.{name}.bias", N))
            qkv.append(g.node("Add", [mm, b], f"{lp}/attn/{name}/Add"))
        attn = g.node("GroupQueryAttention",
                      [qkv[0], qkv[1], qkv[2], f"past_key_values.{i}.key", f"past_key_values.{i}.value",
                       seqlens_k, total_len, "cos_cache", "sin_cache"],
                      lp + "/attn/GroupQueryAttention", domain="com.microsoft",
                      outputs=[lp + "/attn/GroupQueryAttention/output_0", f"present.{i}.key", f"present.{i}.value"],
                      num_heads=nh, kv_num_heads=kvh, do_rotary=1, rotary_interleaved=0, local_window_size=-1)[0]
        K, N = shapes["o_proj"]
        o = g.matmul_nbits(attn, f"{lp}/attn/o_proj", f"{ip}.attn.o_proj", K, N,
                           (f"layers.{i}.o_proj", K, N), accuracy_level, provider)
        wn = g.init(ip + ".post_attention_layernorm.weight", norm_w(f"layers.{i}.post_attention_layernorm"))
        outs = g.node("SkipSimplifiedLayerNormalization", [o, residual, wn], lp + "/post_attention_layernorm/SkipLayerNorm",
                      domain="com.microsoft", epsilon=eps,
                      outputs=[lp + "/post_attention_layernorm/output_0", "", "", lp + "/post_attention_layernorm/output_3"])
        hidden, residual = outs[0], outs[3]
        K, N = shapes["gate_proj"]
        gate = g.matmul_nbits(hidden, f"{lp}/mlp/gate_proj", f"{ip}.mlp.gate_proj", K, N,
                              (f"layers.{i}.gate_proj", K, N), accuracy_level, provider)
        up = g.matmul_nbits(hidden, f"{lp}/mlp/up_proj", f"{ip}.mlp.up_proj", K, N,
                            (f"layers.{i}.up_proj", K, N), accuracy_level, provider)
        sig = g.node("Sigmoid", [gate], f"{lp}/mlp/act_fn/Sigmoid")
        act = g.node("Mul", [gate, sig], f"{lp}/mlp/act_fn/Mul")
        prod = g.node("Mul", [act, up], f"{lp}/mlp/Mul")
        K, N = shapes["down_proj"]
        prev_out = g.matmul_nbits(prod, f"{lp}/mlp/down_proj", f"{ip}.mlp.down_proj", K, N,
                                  (f"layers.{i}.down_proj", K, N), accuracy_level, provider)
        if full_random:
            print(f"  layer {i} written ({ext.offset / 1e9:.2f} GB)", file=sys.stderr)
    wn = g.init("model.norm.weight", norm_w("norm"))
    outs = g.node("SkipSimplifiedLayerNormalization", [prev_out, residual, wn], "/model/norm/SkipLayerNorm",
                  domain="com.microsoft", epsilon=eps, outputs=["/model/norm/output_0", "", "", "/model/norm/output_3"])
    B, S, Z = provider.linear("lm_head", H, V)
    g.init("lm_head.MatMul.weight_Q4", B)
    g.init("lm_head.MatMul.weight_scales", S)
    g.init("lm_head.MatMul.weight_zero_points", Z)
    del B, S, Z
    g.node("MatMulNBits", [outs[0], "lm_head.MatMul.weight_Q4", "lm_head.MatMul.weight_scales",
                           "lm_head.MatMul.weight_zero_points"], "/lm_head/MatMul", domain="com.microsoft",
           outputs=["logits"], K=H, N=V, bits=4, block_size=BLOCK_SIZE, accuracy_level=accuracy_level)
    ext.close()
    g.model("main_graph", inputs, outputs, os.path.join(out_dir, "model.onnx"))


def genai_config(d, tok_ids):
    return {
        "model": {
            "bos_token_id": tok_ids["bos"],
            "context_length": d["context_length"],
            "decoder": {
                "session_options": {"log_id": "onnxruntime-genai", "provider_options": []},
                "filename": "model.onnx",
                "head_size": d["head_size"],
                "hidden_size": d["hidden_size"],
                "inputs": {
                    "input_ids": "input_ids",
                    "attention_mask": "attention_mask",
                    "past_key_names": "past_key_values.%d.key",
                    "past_value_names": "past_key_values.%d.value",
                },
                "outputs": {
                    "logits": "logits",
                    "present_key_names": "present.%d.key",
                    "present_value_names": "present.%d.value",
                },
                "num_attention_heads": d["num_attention_heads"],
                "num_hidden_layers": d["num_hidden_layers"],
                "num_key_value_heads": d["num_key_value_heads"],
            },
            "eos_token_id": tok_ids["eos_list"],
            "pad_token_id": tok_ids["pad"],
            "type": "qwen2",
            "vocab_size": d["vocab_size"],
        },
        "search": {
            "diversity_penalty": 0.0,
            "do_sample": False,
            "early_stopping": True,
            "length_penalty": 1.0,
            "max_length": d["context_length"],
            "min_length": 0,
            "no_repeat_ngram_size": 0,
            "num_beams": 1,
            "num_return_sequences": 1,
            "past_present_share_buffer": True,
            "repetition_penalty": 1.0,
            "temperature": 1.0,
            "top_k": 1,
            "top_p": 1.0,
        },
    }


# --------------------------------------------------------------------------------------
# Layout 2: Optimum / transformers.js (standard ops + MatMulNBits)
# --------------------------------------------------------------------------------------
def build_optimum_model(d, provider, path):
    H, V, L = d["hidden_size"], d["vocab_size"], d["num_hidden_layers"]
    nh, kvh, hd = d["num_attention_heads"], d["num_key_value_heads"], d["head_size"]
    n_rep = nh // kvh
    eps = float(d["rms_norm_eps"])
    g = GraphBuilder(external=None)
    shapes = linear_shapes(d)

    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"]),
              helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"])]
    kv_in, kv_out = kv_io(d, "past_key_values", "present")
    inputs += kv_in
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", V])] + kv_out

    c = g.const
    i64 = lambda v: np.array(v, np.int64)  # noqa: E731
    # ---- causal + padding mask, built once: allowed[b, 0, s, t]
    m = "/model/mask"
    shp_ids = g.node("Shape", ["input_ids"], m + "/Shape_ids")
    shp_am = g.node("Shape", ["attention_mask"], m + "/Shape_am")
    seq = g.node("Gather", [shp_ids, c("const_i64_1", i64(1))], m + "/seq_len", axis=0)
    tot = g.node("Gather", [shp_am, "const_i64_1"], m + "/total_len", axis=0)
    past = g.node("Sub", [tot, seq], m + "/past_len")
    q_idx = g.node("Range", [past, tot, "const_i64_1"], m + "/q_idx")
    k_idx = g.node("Range", [c("const_i64_0", i64(0)), tot, "const_i64_1"], m + "/k_idx")
    q_col = g.node("Unsqueeze", [q_idx, c("const_axes_1", i64([1]))], m + "/q_col")
    causal = g.node("LessOrEqual", [k_idx, q_col], m + "/causal")  # [S, T]
    causal4 = g.node("Unsqueeze", [causal, c("const_axes_01", i64([0, 1]))], m + "/causal4")
    am_b = g.node("Cast", ["attention_mask"], m + "/am_bool", to=TensorProto.BOOL)
    am4 = g.node("Unsqueeze", [am_b, c("const_axes_12", i64([1, 2]))], m + "/am4")
    allowed = g.node("And", [causal4, am4], m + "/allowed")  # [B, 1, S, T]
    neg = c("const_neg", np.array(np.finfo(np.float32).min, np.float32))

    # ---- rotary tables [max_pos, hd] (cat(freqs, freqs)), gathered by position_ids
    cos, sin = rope_tables(d)
    g.init("model.rotary_emb.cos", np.concatenate([cos, cos], axis=1), external=False)
    g.init("model.rotary_emb.sin", np.concatenate([sin, sin], axis=1), external=False)
    r = "/model/rotary_emb"
    cos_g = g.node("Gather", ["model.rotary_emb.cos", "position_ids"], r + "/Gather_cos", axis=0)
    sin_g = g.node("Gather", ["model.rotary_emb.sin", "position_ids"], r + "/Gather_sin", axis=0)
    cos4 = g.node("Unsqueeze", [cos_g, "const_axes_1"], r + "/cos4")  # [B,1,S,hd]
    sin4 = g.node("Unsqueeze", [sin_g, "const_axes_1"], r + "/sin4")
    half_s = c("const_half_start", i64([0]))
    half_m = c("const_half_mid", i64([hd // 2]))
    half_e = c("const_half_end", i64([hd]))
    ax3 = c("const_axis_3", i64([3]))

    def rope(x, pfx):
        x1 = g.node("Slice", [x, half_s, half_m, ax3], pfx + "/Slice_1")
        x2 = g.node("Slice", [x, half_m, half_e, ax3], pfx + "/Slice_2")
        nx2 = g.node("Neg", [x2], pfx + "/Neg")
        rot = g.node("Concat", [nx2, x1], pfx + "/Concat", axis=-1)
        a = g.node("Mul", [x, cos4], pfx + "/Mul_cos")
        b = g.node("Mul", [rot, sin4], pfx + "/Mul_sin")
        return g.node("Add", [a, b], pfx + "/Add")

    def rmsnorm(x, w_name, w, pfx):
        g.init(w_name, w, external=False)
        pw = g.node("Pow", [x, c("const_two", np.array(2.0, np.float32))], pfx + "/Pow")
        mean = g.node("ReduceMean", [pw], pfx + "/ReduceMean", axes=[-1], keepdims=1)
        add = g.node("Add", [mean, c("const_eps", np.array(eps, np.float32))], pfx + "/Add")
        sq = g.node("Sqrt", [add], pfx + "/Sqrt")
        inv = g.node("Div", [c("const_one", np.array(1.0, np.float32)), sq], pfx + "/Div")
        xn = g.node("Mul", [x, inv], pfx + "/Mul")
        return g.node("Mul", [w_name, xn], pfx + "/Mul_1")

    def linear(x, key, pfx, init_pfx):
        K, N = shapes[key.split(".")[-1]]
        return g.matmul_nbits(x, pfx, init_pfx, K, N, (key, K, N), 0, provider)

    shape_q = c("const_shape_q", i64([0, 0, nh, hd]))
    shape_kv = c("const_shape_kv", i64([0, 0, kvh, hd]))
    shape_rep = c("const_shape_rep", i64([1, 1, n_rep, 1, 1]))
    shape_heads = c("const_shape_heads", i64([0, nh, -1, hd]))
    shape_out = c("const_shape_out", i64([0, 0, nh * hd]))
    axes2 = c("const_axes_2", i64([2]))
    scale = c("const_scale", np.array(1.0 / np.sqrt(hd), np.float32))

    g.init("model.embed_tokens.weight", provider.embed(), external=False)
    x = g.node("Gather", ["model.embed_tokens.weight", "input_ids"], "/model/embed_tokens/Gather", axis=0)
    for i in range(L):
        lp = f"/model/layers.{i}"
        ip = f"model.layers.{i}"
        h = rmsnorm(x, ip + ".input_layernorm.weight", provider.norm(f"layers.{i}.input_layernorm"), lp + "/input_layernorm")
        proj = {}
        for name in ("q_proj", "k_proj", "v_proj"):
            mm = linear(h, f"layers.{i}.{name}", f"{lp}/self_attn/{name}", f"{ip}.self_attn.{name}")
            b = g.init(f"{ip}.self_attn.{name}.bias", provider.bias(f"layers.{i}.{name}.bias", None), external=False)
            proj[name] = g.node("Add", [mm, b], f"{lp}/self_attn/{name}/Add")
        ap = lp + "/self_attn"
        q = g.node("Transpose", [g.node("Reshape", [proj["q_proj"], shape_q], ap + "/Reshape_q")], ap + "/Transpose_q", perm=[0, 2, 1, 3])
        k = g.node("Transpose", [g.node("Reshape", [proj["k_proj"], shape_kv], ap + "/Reshape_k")], ap + "/Transpose_k", perm=[0, 2, 1, 3])
        v = g.node("Transpose", [g.node("Reshape", [proj["v_proj"], shape_kv], ap + "/Reshape_v")], ap + "/Transpose_v", perm=[0, 2, 1, 3])
        q = rope(q, ap + "/rope_q")
        k = rope(k, ap + "/rope_k")
        pk = g.node("Concat", [f"past_key_values.{i}.key", k], ap + "/Concat_k", axis=2, outputs=[f"present.{i}.key"])
        pv = g.node("Concat", [f"past_key_values.{i}.value", v], ap + "/Concat_v", axis=2, outputs=[f"present.{i}.value"])

        def repeat_kv(t, nm):
            u = g.node("Unsqueeze", [t, axes2], ap + f"/repeat_{nm}/Unsqueeze")
            e = g.node("Expand", [u, shape_rep], ap + f"/repeat_{nm}/Expand")
            return g.node("Reshape", [e, shape_heads], ap + f"/repeat_{nm}/Reshape")

        kr = repeat_kv(pk, "k")
        vr = repeat_kv(pv, "v")
        kt = g.node("Transpose", [kr], ap + "/Transpose_kT", perm=[0, 1, 3, 2])
        scores = g.node("MatMul", [q, kt], ap + "/MatMul_qk")
        scores = g.node("Mul", [scores, scale], ap + "/Mul_scale")
        scores = g.node("Where", [allowed, scores, neg], ap + "/Where_mask")
        probs = g.node("Softmax", [scores], ap + "/Softmax", axis=-1)
        ctx = g.node("MatMul", [probs, vr], ap + "/MatMul_pv")
        ctx = g.node("Transpose", [ctx], ap + "/Transpose_out", perm=[0, 2, 1, 3])
        ctx = g.node("Reshape", [ctx, shape_out], ap + "/Reshape_out")
        o = linear(ctx, f"layers.{i}.o_proj", f"{ap}/o_proj", f"{ip}.self_attn.o_proj")
        x = g.node("Add", [x, o], lp + "/Add_attn")
        h = rmsnorm(x, ip + ".post_attention_layernorm.weight", provider.norm(f"layers.{i}.post_attention_layernorm"),
                    lp + "/post_attention_layernorm")
        mp = lp + "/mlp"
        gate = linear(h, f"layers.{i}.gate_proj", mp + "/gate_proj", f"{ip}.mlp.gate_proj")
        up = linear(h, f"layers.{i}.up_proj", mp + "/up_proj", f"{ip}.mlp.up_proj")
        act = g.node("Mul", [gate, g.node("Sigmoid", [gate], mp + "/act_fn/Sigmoid")], mp + "/act_fn/Mul")
        down = linear(g.node("Mul", [act, up], mp + "/Mul"), f"layers.{i}.down_proj", mp + "/down_proj", f"{ip}.mlp.down_proj")
        x = g.node("Add", [x, down], lp + "/Add_mlp")
    h = rmsnorm(x, "model.norm.weight", provider.norm("norm"), "/model/norm")
    B, S, Z = provider.linear("lm_head", H, V)
    g.init("lm_head.MatMul.weight_Q4", B, external=False)
    g.init("lm_head.MatMul.weight_scales", S, external=False)
    g.init("lm_head.MatMul.weight_zero_points", Z, external=False)
    g.node("MatMulNBits", [h, "lm_head.MatMul.weight_Q4", "lm_head.MatMul.weight_scales", "lm_head.MatMul.weight_zero_points"],
           "/lm_head/MatMul", domain="com.microsoft", outputs=["logits"], K=H, N=V, bits=4, block_size=BLOCK_SIZE,
           accuracy_level=0)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    g.model("main_graph", inputs, outputs, path)


def hf_config(d, tok_ids):
    return {
        "architectures": ["Qwen2ForCausalLM"],
        "attention_dropout": 0.0,
        "bos_token_id": tok_ids["bos"],
        "eos_token_id": tok_ids["endoftext"],
        "hidden_act": "silu",
        "hidden_size": d["hidden_size"],
        "initializer_range": 0.02,
        "intermediate_size": d["intermediate_size"],
        "max_position_embeddings": d["context_length"],
        "max_window_layers": d["num_hidden_layers"],
        "model_type": "qwen2",
        "num_attention_heads": d["num_attention_heads"],
        "num_hidden_layers": d["num_hidden_layers"],
        "num_key_value_heads": d["num_key_value_heads"],
        "rms_norm_eps": d["rms_norm_eps"],
        "rope_scaling": None,
        "rope_theta": d["rope_theta"],
        "sliding_window": None,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "transformers_version": "4.43.1",
        "transformers.js_config": {"kv_cache_dtype": {"q4f16": "float16", "fp16": "float16"}},
        "use_cache": True,
        "use_sliding_window": False,
        "vocab_size": d["vocab_size"],
    }


def generation_config(tok_ids):
    return {
        "bos_token_id": tok_ids["bos"],
        "do_sample": True,
        "eos_token_id": tok_ids["eos_list"],
        "pad_token_id": tok_ids["pad"],
        "repetition_penalty": 1.05,
        "temperature": 0.7,
        "top_k": 20,
        "top_p": 0.8,
        "transformers_version": "4.43.1",
    }


# --------------------------------------------------------------------------------------
# Independent numpy reference (float64, full recompute, no KV cache)
# --------------------------------------------------------------------------------------
class Reference:
    def __init__(self, d, w):
        self.d = d
        f = lambda a: np.asarray(a, dtype=np.float64)  # noqa: E731
        self.E = f(w["embed"])
        self.layers = []
        for i in range(d["num_hidden_layers"]):
            p = f"layers.{i}."
            self.layers.append({
                "ln1": f(w[p + "input_layernorm"]), "ln2": f(w[p + "post_attention_layernorm"]),
                **{n: w[p + n]["deq"] for n in LINEARS},
                **{n + "_b": f(w[p + n + ".bias"]) for n in ("q_proj", "k_proj", "v_proj")},
            })
        self.norm = f(w["norm"])
        self.lm = w["lm_head"]["deq"]  # [H, V]
        hd = d["head_size"]
        self.inv_freq = 1.0 / (float(d["rope_theta"]) ** (np.arange(0, hd, 2, dtype=np.float64) / hd))

    def rms(self, x, w):
        return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + self.d["rms_norm_eps"]) * w

    def rope(self, x, pos):  # x [S, heads, hd]
        ang = pos[:, None] * self.inv_freq[None, :]
        cos = np.concatenate([np.cos(ang), np.cos(ang)], axis=-1)[:, None, :]
        sin = np.concatenate([np.sin(ang), np.sin(ang)], axis=-1)[:, None, :]
        half = x.shape[-1] // 2
        rot = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
        return x * cos + rot * sin

    def logits(self, ids):
        d = self.d
        S = len(ids)
        nh, kvh, hd = d["num_attention_heads"], d["num_key_value_heads"], d["head_size"]
        pos = np.arange(S, dtype=np.float64)
        x = self.E[np.asarray(ids)]
        causal = np.tril(np.ones((S, S), dtype=bool))
        for Lw in self.layers:
            h = self.rms(x, Lw["ln1"])
            q = (h @ Lw["q_proj"] + Lw["q_proj_b"]).reshape(S, nh, hd)
            k = (h @ Lw["k_proj"] + Lw["k_proj_b"]).reshape(S, kvh, hd)
            v = (h @ Lw["v_proj"] + Lw["v_proj_b"]).reshape(S, kvh, hd)
            q, k = self.rope(q, pos), self.rope(k, pos)
            out = np.zeros((S, nh, hd))
            for head in range(nh):
                kv = head // (nh // kvh)
                s = (q[:, head, :] @ k[:, kv, :].T) / np.sqrt(hd)
                s = np.where(causal, s, -np.inf)
                s = s - s.max(axis=-1, keepdims=True)
                pr = np.exp(s)
                pr /= pr.sum(axis=-1, keepdims=True)
                out[:, head, :] = pr @ v[:, kv, :]
            x = x + out.reshape(S, nh * hd) @ Lw["o_proj"]
            h = self.rms(x, Lw["ln2"])
            gate = h @ Lw["gate_proj"]
            act = gate / (1.0 + np.exp(-gate)) * (h @ Lw["up_proj"])
            x = x + act @ Lw["down_proj"]
        return self.rms(x, self.norm) @ self.lm

    def greedy(self, prompt, n):
        ids = list(prompt)
        out, margins, first = [], [], None
        for _ in range(n):
            lg = self.logits(ids)[-1]
            if first is None:
                first = lg
            top2 = np.sort(lg)[-2:]
            margins.append(float(top2[1] - top2[0]))
            nxt = int(np.argmax(lg))
            out.append(nxt)
            ids.append(nxt)
        return out, min(margins), first


def top10(lg):
    idx = np.argsort(-lg, kind="stable")[:10]
    return [[int(i), round(float(lg[i]), 6)] for i in idx]


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------
def write_json(path, obj, indent=2):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent)
        f.write("\n")


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def token_ids(tok):
    eot, ims, ime = tok.vocab[ENDOFTEXT], tok.vocab[IM_START], tok.vocab[IM_END]
    return {"bos": eot, "pad": eot, "endoftext": eot, "im_start": ims, "im_end": ime, "eos_list": [ime, eot]}


def write_tokenizer_files(tok, out_dir):
    write_json(os.path.join(out_dir, "tokenizer.json"), tok.tokenizer_json())
    write_json(os.path.join(out_dir, "tokenizer_config.json"), tok.tokenizer_config_json())


TOKENIZER_STRINGS = [
    "Hello world",
    "Héllo, ça va? naïve café — Größe, übermäßig, fiancée",
    "Cafe\u0301 (decomposed e + U+0301, NFC composes it)",
    "Emoji: 🙂👍🏽 ok 🎉",
    "中文测试，日本語のテキスト",
    "line1\nline2\n\n\n  indented\ttab   trailing   ",
    "windows\r\nline endings\r\n",
    "12345 and 3.14159",
    "I'm don't you'll they've WE'RE He'd",
    "a <|im_start|>user\nhi<|im_end|> b<|endoftext|>",
    "   leading spaces and    inner runs",
]


def template_cases():
    qwen = [
        ("system_user", [{"role": "system", "content": "You are a helpful assistant."},
                         {"role": "user", "content": "What is the capital of France?"}]),
        ("user_only", [{"role": "user", "content": "Héllo 🙂"}]),
        ("multi_turn", [{"role": "system", "content": "Tu es un assistant concis."},
                        {"role": "user", "content": "Bonjour !"},
                        {"role": "assistant", "content": "Bonjour, comment puis-je aider ?"},
                        {"role": "user", "content": "Deux plus deux ?\nRéponds en un mot."}]),
    ]
    deepseek = [
        ("system_user", [{"role": "system", "content": "You are a helpful assistant."},
                         {"role": "user", "content": "What is 2+2?"}]),
        ("user_only", [{"role": "user", "content": "Héllo 🙂"}]),
        ("multi_turn_think", [{"role": "user", "content": "What is 2+2?"},
                              {"role": "assistant", "content": "<think>\nThe user asks a simple sum. 2+2=4.\n</think>\n\n2 + 2 = 4."},
                              {"role": "user", "content": "And times 3?"}]),
    ]
    return qwen, deepseek


# --------------------------------------------------------------------------------------
# Main modes
# --------------------------------------------------------------------------------------
def generate_tiny(resources):
    t0 = time.time()
    tok = build_tokenizer()
    V = len(tok)
    assert V % 8 == 0, V
    d = dict(TINY, vocab_size=V)
    ids = token_ids(tok)
    eos = set(ids["eos_list"])
    print(f"tokenizer: {V} tokens ({len(tok.merges)} merges), special ids {ids}", file=sys.stderr)

    chat_messages = [{"role": "system", "content": "Tu es un assistant concis."},
                     {"role": "user", "content": "Héllo, ça va? Qué tal 🙂 naïve café"}]
    rendered = render_chat(QWEN25_CHAT_TEMPLATE, chat_messages)
    chat_ids = tok.encode(rendered)

    # Pick weights whose chat case has a safe greedy margin.
    for wseed in range(WEIGHT_SEED, WEIGHT_SEED + 50):
        w = make_tiny_weights(d, wseed)
        ref = Reference(d, w)
        chat_greedy, chat_margin, chat_first = ref.greedy(chat_ids, MAX_NEW_TOKENS)
        if chat_margin >= MIN_MARGIN:
            break
        print(f"weight seed {wseed}: chat margin {chat_margin:.2e} too small, re-drawing", file=sys.stderr)
    else:
        raise RuntimeError("no weight seed with a safe margin")

    cases = []
    non_special = np.array(sorted(set(range(V)) - {ids["endoftext"], ids["im_start"], ids["im_end"]}))
    for n, length in enumerate((1, 10, 110)):
        for attempt in range(100):
            rng = np.random.default_rng(PROMPT_SEED + 1000 * n + attempt)
            prompt = [int(x) for x in rng.choice(non_special, size=length)]
            greedy, margin, first = ref.greedy(prompt, MAX_NEW_TOKENS)
            if margin >= MIN_MARGIN:
                break
        else:
            raise RuntimeError("no prompt with safe margin")
        cases.append({"name": f"random_len{length}", "prompt_ids": prompt, "max_new_tokens": MAX_NEW_TOKENS,
                      "greedy_ids": greedy, "first_step_logits_top10": top10(first),
                      "min_margin": round(margin, 6), "prompt_seed": PROMPT_SEED + 1000 * n + attempt})
        print(f"case len {length}: margin {margin:.4f}, distinct {len(set(greedy))}/{len(greedy)}, "
              f"first-step logits std {np.std(first):.2f}", file=sys.stderr)

    cut = next((k for k, t in enumerate(chat_greedy) if t in eos), len(chat_greedy))
    chat = {"messages": chat_messages, "rendered_prompt": rendered, "prompt_ids": chat_ids,
            "max_new_tokens": MAX_NEW_TOKENS, "greedy_ids": chat_greedy, "first_step_logits_top10": top10(chat_first),
            "min_margin": round(chat_margin, 6),
            "decoded_text": tok.decode(chat_greedy[:cut], skip_special_tokens=True)}
    print(f"chat: prompt {len(chat_ids)} tokens, margin {chat_margin:.4f}, eos at {cut}, "
          f"text {chat['decoded_text']!r}", file=sys.stderr)

    qcases, dcases = template_cases()
    templates = {
        "qwen2.5": {"file": "templates/qwen2.5.jinja", "add_generation_prompt": True, "context": {},
                    "cases": [{"name": nm, "messages": msgs, "rendered": render_chat(QWEN25_CHAT_TEMPLATE, msgs)}
                              for nm, msgs in qcases]},
        "deepseek-r1-distill": {
            "file": "templates/deepseek-r1-distill.jinja", "add_generation_prompt": True,
            "context": {"bos_token": DEEPSEEK_BOS, "eos_token": DEEPSEEK_EOS},
            "cases": [{"name": nm, "messages": msgs,
                       "rendered": render_chat(DEEPSEEK_R1_DISTILL_CHAT_TEMPLATE, msgs, bos_token=DEEPSEEK_BOS,
                                               eos_token=DEEPSEEK_EOS)}
                      for nm, msgs in dcases]},
    }

    tok_cases = []
    for s in TOKENIZER_STRINGS:
        e = tok.encode(s)
        tok_cases.append({"text": s, "ids": e, "decoded": tok.decode(e),
                          "decoded_skip_special": tok.decode(e, skip_special_tokens=True)})

    reference = {
        "generator": "inference/tools/testmodels/generate.py",
        "notes": "Reference from an independent float64 numpy forward pass (full recompute each step, no KV cache) "
                 "using the dequantized int4 weights. greedy_ids ignore EOS (always max_new_tokens tokens); "
                 "cut at the first id in model.eos_token_ids. decoded = HF ByteLevel decode "
                 "(skip_special_tokens=false); decoded_skip_special uses skip_special_tokens=true.",
        "model": {
            "vocab_size": V, "tokenizer_vocab_size": V, "hidden_size": d["hidden_size"],
            "num_hidden_layers": d["num_hidden_layers"], "num_attention_heads": d["num_attention_heads"],
            "num_key_value_heads": d["num_key_value_heads"], "head_size": d["head_size"],
            "intermediate_size": d["intermediate_size"], "rope_theta": d["rope_theta"],
            "rms_norm_eps": d["rms_norm_eps"], "context_length": d["context_length"],
            "bos_token_id": ids["bos"], "pad_token_id": ids["pad"], "eos_token_ids": ids["eos_list"],
            "special_tokens": {ENDOFTEXT: ids["endoftext"], IM_START: ids["im_start"], IM_END: ids["im_end"]},
            "weight_seed": wseed, "quantization": "MatMulNBits int4 asymmetric, block_size 32, accuracy_level 0",
            "layouts": ["tiny-genai", "tiny-optimum"],
        },
        "cases": cases,
        "chat": chat,
        "templates": templates,
        "tokenizer": tok_cases,
    }

    models = os.path.join(resources, "models")
    genai_dir = os.path.join(models, "tiny-genai")
    opt_dir = os.path.join(models, "tiny-optimum")
    provider = TinyProvider(w)
    build_genai_model(d, provider, genai_dir, accuracy_level=0)
    write_json(os.path.join(genai_dir, "genai_config.json"), genai_config(d, ids), indent=4)
    write_tokenizer_files(tok, genai_dir)
    build_optimum_model(d, provider, os.path.join(opt_dir, "onnx", "model_q4.onnx"))
    write_json(os.path.join(opt_dir, "config.json"), hf_config(d, ids))
    write_json(os.path.join(opt_dir, "generation_config.json"), generation_config(ids))
    write_tokenizer_files(tok, opt_dir)
    write_bad_input_fixture(opt_dir, os.path.join(models, "bad-input-names"))
    write_json(os.path.join(models, "reference.json"), reference)
    write_text(os.path.join(resources, "templates", "qwen2.5.jinja"), QWEN25_CHAT_TEMPLATE)
    write_text(os.path.join(resources, "templates", "deepseek-r1-distill.jinja"), DEEPSEEK_R1_DISTILL_CHAT_TEMPLATE)
    print(f"tiny test set written to {resources} in {time.time() - t0:.1f}s", file=sys.stderr)


def write_bad_input_fixture(opt_dir, out_dir):
    """The tiny Optimum model with an extra graph input (BERT's token_type_ids) that Pith cannot feed:
    loading it must fail with one clear line, not a crash or a silent wrong answer."""
    model = onnx.load(os.path.join(opt_dir, "onnx", "model_q4.onnx"))
    model.graph.input.append(
        helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch_size", "sequence_length"]))
    os.makedirs(os.path.join(out_dir, "onnx"), exist_ok=True)
    onnx.save(model, os.path.join(out_dir, "onnx", "model_q4.onnx"))
    for name in ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(opt_dir, name), os.path.join(out_dir, name))


def generate_full(out_dir):
    t0 = time.time()
    tok = build_tokenizer()
    ids = token_ids(tok)
    d = dict(FULL)
    print(f"full-shape Qwen2.5-1.5B benchmark model -> {out_dir}", file=sys.stderr)
    build_genai_model(d, RandomProvider(1234), out_dir, accuracy_level=4, full_random=True)
    write_json(os.path.join(out_dir, "genai_config.json"), genai_config(d, ids), indent=4)
    write_tokenizer_files(tok, out_dir)
    print(f"done in {time.time() - t0:.1f}s; model.onnx.data = "
          f"{os.path.getsize(os.path.join(out_dir, 'model.onnx.data')) / 1e9:.3f} GB "
          f"(tiny tokenizer: ids >= {len(tok)} are not decodable)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full-shape", action="store_true", help="write the Qwen2.5-1.5B-shaped benchmark model")
    ap.add_argument("--out", help="output dir (tiny mode: resources root, default inference/src/test/resources; "
                                  "full mode: model dir, required)")
    a = ap.parse_args()
    if a.full_shape:
        if not a.out:
            ap.error("--full-shape needs --out DIR")
        generate_full(a.out)
    else:
        generate_tiny(a.out or DEFAULT_RESOURCES)


if __name__ == "__main__":
    main()
