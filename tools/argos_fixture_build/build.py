"""Build a tiny but genuine `.argosmodel` test fixture (dev-only; needs torch, NOT the portal venv).

Pipeline: phrase pairs -> SentencePiece (one shared unigram vocabulary) -> a small pre-norm
Transformer trained with PyTorch whose layout is CTranslate2's TransformerSpec layer for layer ->
CTranslate2 spec API (int8) -> zip with metadata.json, sentencepiece.model, model/, a blank spaCy
pipeline under spacy/.

Usage (from the repository root, in the separate build venv, see README.md):
    /opt/argos-build/bin/python tools/argos_fixture_build/build.py en_ro
    /opt/argos-build/bin/python tools/argos_fixture_build/build.py fr_en

Deterministic: fixed seeds, deterministic torch kernels, fixed zip timestamps; a rebuild with the
same phrases and torch/ctranslate2 versions gives the same fixture.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
import torch
from ctranslate2.specs import common_spec, transformer_spec
from torch import nn

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT_DIR = REPO / "tests" / "data" / "models"
sys.path.insert(0, str(HERE))

LANG_NAMES = {"en": "English", "ro": "Romanian", "fr": "French"}

# Model size: the reference build (2+2 layers, d=128) memorised 204 pairs; we keep the shape.
D_MODEL = 128
HEADS = 4
FFN = 256
LAYERS = 2
MAX_POSITIONS = 512  # must cover CTranslate2's decoding limit (256), see reference §3.3
SEED = 20260517


def expand(module_name: str) -> list[tuple[str, str]]:
    """All training pairs of one phrase module, placeholder templates filled in, de-duplicated."""
    mod = importlib.import_module(module_name)
    pairs: list[tuple[str, str]] = list(mod.TERMS) + list(mod.SENTENCES)
    for src, tgt in mod.PLACEHOLDER_TEMPLATES:
        for a, b in mod.PLACEHOLDER_FILLERS:
            pairs.append((src.format(A=a, B=b), tgt.format(A=a, B=b)))
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for src, tgt in pairs:
        if src in seen:
            continue
        seen.add(src)
        unique.append((src, tgt))
    return unique


def train_sentencepiece(pairs: list[tuple[str, str]], workdir: Path, vocab_size: int) -> Path:
    corpus = workdir / "corpus.txt"
    corpus.write_text("\n".join([s for s, _ in pairs] + [t for _, t in pairs]) + "\n", "utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,  # keep ⟦ ⟧ and every Romanian/French letter
        # <unk>,<s>,</s> = 0,1,2 are CTranslate2's defaults; no pad piece needed
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        seed_sentencepiece_size=100000,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def sinusoid_table(n: int, d: int) -> torch.Tensor:
    pos = torch.arange(n, dtype=torch.float64)[:, None]
    inv = torch.exp(-math.log(10000.0) * torch.arange(0, d // 2, dtype=torch.float64) / (d // 2 - 1))
    ang = pos * inv[None, :]
    return torch.cat([torch.sin(ang), torch.cos(ang)], dim=1).float()


class Attention(nn.Module):
    """Pre-norm multi-head attention with CTranslate2's fused projections."""

    def __init__(self, self_attention: bool) -> None:
        super().__init__()
        self.self_attention = self_attention
        self.norm = nn.LayerNorm(D_MODEL, eps=1e-6)
        if self_attention:
            self.qkv = nn.Linear(D_MODEL, 3 * D_MODEL)
        else:
            self.q = nn.Linear(D_MODEL, D_MODEL)
            self.kv = nn.Linear(D_MODEL, 2 * D_MODEL)
        self.out = nn.Linear(D_MODEL, D_MODEL)

    def forward(self, x: torch.Tensor, memory: torch.Tensor | None, mask: torch.Tensor) -> torch.Tensor:
        y = self.norm(x)
        if self.self_attention:
            q, k, v = self.qkv(y).chunk(3, dim=-1)
        else:
            assert memory is not None
            q = self.q(y)
            k, v = self.kv(memory).chunk(2, dim=-1)

        def heads(t: torch.Tensor) -> torch.Tensor:
            b, n, _ = t.shape
            return t.view(b, n, HEADS, D_MODEL // HEADS).transpose(1, 2)

        att = torch.nn.functional.scaled_dot_product_attention(heads(q), heads(k), heads(v), attn_mask=mask)
        b, _, n, _ = att.shape
        return x + self.out(att.transpose(1, 2).reshape(b, n, D_MODEL))


class FeedForward(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(D_MODEL, eps=1e-6)
        self.linear_0 = nn.Linear(D_MODEL, FFN)
        self.linear_1 = nn.Linear(FFN, D_MODEL)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.linear_1(torch.relu(self.linear_0(self.norm(x))))


class Seq2Seq(nn.Module):
    def __init__(self, vocab: int) -> None:
        super().__init__()
        # One embedding matrix for encoder, decoder and output projection (shared vocabulary):
        # fewer parameters, so a smaller committed fixture.
        self.embed = nn.Embedding(vocab, D_MODEL)
        nn.init.normal_(self.embed.weight, std=D_MODEL**-0.5)
        self.register_buffer("pos", sinusoid_table(MAX_POSITIONS, D_MODEL))
        self.enc = nn.ModuleList(nn.ModuleList([Attention(True), FeedForward()]) for _ in range(LAYERS))
        self.dec = nn.ModuleList(
            nn.ModuleList([Attention(True), Attention(False), FeedForward()]) for _ in range(LAYERS)
        )
        self.enc_norm = nn.LayerNorm(D_MODEL, eps=1e-6)
        self.dec_norm = nn.LayerNorm(D_MODEL, eps=1e-6)
        self.out_bias = nn.Parameter(torch.zeros(vocab))

    def embed_tokens(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embed(ids) * math.sqrt(D_MODEL) + self.pos[: ids.shape[1]]

    def forward(self, src: torch.Tensor, src_pad: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        enc_mask = (~src_pad)[:, None, None, :]  # True = attend
        x = self.embed_tokens(src)
        for att, ffn in self.enc:
            x = ffn(att(x, None, enc_mask))
        memory = self.enc_norm(x)
        n = tgt_in.shape[1]
        causal = torch.ones(n, n, dtype=torch.bool).tril()[None, None]
        y = self.embed_tokens(tgt_in)
        for self_att, cross_att, ffn in self.dec:
            y = ffn(cross_att(self_att(y, None, causal), memory, enc_mask))
        return self.dec_norm(y) @ self.embed.weight.T + self.out_bias


def batch(seqs: list[list[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), pad, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
    mask = torch.arange(n)[None, :] >= torch.tensor([len(s) for s in seqs])[:, None]
    return ids, mask


def train(model: Seq2Seq, src_ids: list[list[int]], tgt_ids: list[list[int]], steps: int) -> list[float]:
    """Full-batch training; the batch is cut into length buckets only to avoid computing padding.

    Gradients of the buckets are summed before each step, so this is the same update as one
    padded full batch, about twice as fast on 1-2 CPU cores.
    """
    bos, eos, ignore = 1, 2, -100
    order = sorted(range(len(src_ids)), key=lambda i: (len(src_ids[i]) + len(tgt_ids[i]), i))
    n_buckets = 4
    buckets = []
    for k in range(n_buckets):
        idx = order[k * len(order) // n_buckets : (k + 1) * len(order) // n_buckets]
        src, src_pad = batch([src_ids[i] for i in idx], eos)
        tgt_in, _ = batch([[bos, *tgt_ids[i]] for i in idx], eos)
        gold, gold_pad = batch([[*tgt_ids[i], eos] for i in idx], eos)
        buckets.append((src, src_pad, tgt_in, gold.masked_fill(gold_pad, ignore)))
    n_tokens = sum(int((b[3] != ignore).sum()) for b in buckets)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3, betas=(0.9, 0.98))
    warmup = 30

    def lr_at(step: int) -> float:
        # warm-up, then a linear decay to 10 %: memorising needs a calm end of training
        if step < warmup:
            return (step + 1) / warmup
        return 1.0 - 0.9 * (step - warmup) / max(1, steps - warmup)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    losses = []
    for step in range(steps):
        opt.zero_grad()
        total = 0.0
        for src, src_pad, tgt_in, gold in buckets:
            logits = model(src, src_pad, tgt_in)
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), gold.reshape(-1), ignore_index=ignore, reduction="sum"
            ) / n_tokens
            loss.backward()
            total += float(loss.detach())
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        losses.append(total)
        if step % 50 == 0 or step == steps - 1:
            print(f"  step {step:4d} loss {total:.4f}", flush=True)
    return losses


class TinyConverter(ctranslate2.converters.Converter):
    """Fill CTranslate2's TransformerSpec from the torch module (fused QKV / KV like OpenNMT)."""

    def __init__(self, model: Seq2Seq, vocab: list[str]) -> None:
        self.model = model
        self.vocab = vocab

    def _load(self) -> transformer_spec.TransformerSpec:
        m = self.model
        spec = transformer_spec.TransformerSpec.from_config(
            (LAYERS, LAYERS), HEADS, pre_norm=True, activation=common_spec.Activation.RELU
        )
        spec.config.layer_norm_epsilon = 1e-6

        def np_(t: torch.Tensor) -> np.ndarray:
            return t.detach().float().numpy().copy()

        def lin(dst: common_spec.LinearSpec, src: nn.Linear) -> None:
            dst.weight = np_(src.weight)
            dst.bias = np_(src.bias)

        def norm(dst: common_spec.LayerNormSpec, src: nn.LayerNorm) -> None:
            dst.gamma = np_(src.weight)
            dst.beta = np_(src.bias)

        emb = np_(m.embed.weight)
        pos = np_(m.pos)
        enc, dec = spec.encoder, spec.decoder
        enc.embeddings[0].weight = emb
        enc.position_encodings.encodings = pos
        norm(enc.layer_norm, m.enc_norm)
        for layer_spec, (att, ffn) in zip(enc.layer, m.enc):
            norm(layer_spec.self_attention.layer_norm, att.norm)
            lin(layer_spec.self_attention.linear[0], att.qkv)
            lin(layer_spec.self_attention.linear[1], att.out)
            norm(layer_spec.ffn.layer_norm, ffn.norm)
            lin(layer_spec.ffn.linear_0, ffn.linear_0)
            lin(layer_spec.ffn.linear_1, ffn.linear_1)
        dec.embeddings.weight = emb
        dec.position_encodings.encodings = pos
        norm(dec.layer_norm, m.dec_norm)
        dec.projection.weight = emb
        dec.projection.bias = np_(m.out_bias)
        for layer_spec, (self_att, cross_att, ffn) in zip(dec.layer, m.dec):
            norm(layer_spec.self_attention.layer_norm, self_att.norm)
            lin(layer_spec.self_attention.linear[0], self_att.qkv)
            lin(layer_spec.self_attention.linear[1], self_att.out)
            norm(layer_spec.attention.layer_norm, cross_att.norm)
            lin(layer_spec.attention.linear[0], cross_att.q)
            lin(layer_spec.attention.linear[1], cross_att.kv)
            lin(layer_spec.attention.linear[2], cross_att.out)
            norm(layer_spec.ffn.layer_norm, ffn.norm)
            lin(layer_spec.ffn.linear_0, ffn.linear_0)
            lin(layer_spec.ffn.linear_1, ffn.linear_1)
        spec.register_source_vocabulary(self.vocab)
        spec.register_target_vocabulary(self.vocab)
        return spec


def verify_conversion(model: Seq2Seq, vocab: list[str], sp: spm.SentencePieceProcessor, pairs: list[tuple[str, str]], work: Path) -> float:
    """Max |torch - CTranslate2| token log-prob on a few pairs (float32 conversion): catches layout bugs."""
    f32 = work / "f32"
    TinyConverter(model, vocab).convert(str(f32), force=True)
    tr = ctranslate2.Translator(str(f32), device="cpu", compute_type="float32")
    sample = pairs[:: max(1, len(pairs) // 8)]
    src = [sp.encode(s, out_type=str) for s, _ in sample]
    tgt = [sp.encode(t, out_type=str) for _, t in sample]
    scored = tr.score_batch(src, tgt)
    worst = 0.0
    with torch.no_grad():
        for (s, t), res in zip(sample, scored):
            s_ids, t_ids = sp.encode(s), sp.encode(t)
            src_t, pad = batch([s_ids], 2)
            logits = model(src_t, pad, torch.tensor([[1, *t_ids]]))
            lp = torch.log_softmax(logits[0], -1)
            ref = [float(lp[i, tok]) for i, tok in enumerate([*t_ids, 2])]
            worst = max(worst, max(abs(a - b) for a, b in zip(ref, res.log_probs)))
    return worst


def decode_like_argos(sp: spm.SentencePieceProcessor, tokens: list[str]) -> str:
    # Same as argostranslate.tokenizer.SentencePieceTokenizer.decode + apply_packaged_translation
    value = sp.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
    return value[1:] if value.startswith(" ") else value


def evaluate(model_dir: Path, sp_path: Path, pairs: list[tuple[str, str]], beam: int) -> list[str]:
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    tr = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="int8")
    results = tr.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in pairs], beam_size=beam, length_penalty=0.2, replace_unknowns=True
    )
    return [decode_like_argos(sp, r.hypotheses[0]) for r in results]


def fixed_zip(src_dir: Path, top: str, out: Path) -> None:
    """Zip with one top folder, sorted members and a fixed timestamp (byte-stable rebuilds)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in src_dir.rglob("*")):
            rel = path.relative_to(src_dir).as_posix()
            name = f"{top}/{rel}" + ("/" if path.is_dir() else "")
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o40755 << 16) | 0x10 if path.is_dir() else 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, b"" if path.is_dir() else path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pair", choices=["en_ro", "fr_en"])
    parser.add_argument("--steps", type=int, help="default: 300 for en_ro, 500 for fr_en")
    parser.add_argument("--vocab", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(args.threads)

    # The committed fixtures were built with these step counts (README.md).
    args.steps = args.steps or {"en_ro": 300, "fr_en": 500}[args.pair]
    src_code, tgt_code = args.pair.split("_")
    pairs = expand(f"phrases_{args.pair}")
    top = f"translate-{src_code}_{tgt_code}-tiny"
    print(f"{args.pair}: {len(pairs)} pairs", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sp_path = train_sentencepiece(pairs, work, args.vocab)
        sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        print(f"  sentencepiece: {len(vocab)} pieces", flush=True)
        src_ids = [sp.encode(s) for s, _ in pairs]
        tgt_ids = [sp.encode(t) for _, t in pairs]

        model = Seq2Seq(len(vocab))
        n_params = sum(p.numel() for p in model.parameters())
        t0 = time.monotonic()
        losses = train(model, src_ids, tgt_ids, args.steps)
        train_seconds = time.monotonic() - t0
        model.eval()

        diff = verify_conversion(model, vocab, sp, pairs, work)
        print(f"  torch vs CTranslate2 max log-prob difference: {diff:.2e}", flush=True)
        assert diff < 1e-3, "conversion does not reproduce the torch model"

        pkg = work / top
        pkg.mkdir()
        TinyConverter(model, vocab).convert(str(pkg / "model"), quantization="int8", force=True)
        shutil.copy(sp_path, pkg / "sentencepiece.model")
        import spacy  # build venv only; the portal never imports spaCy

        # Blank multilingual pipeline: lets ARGOS_CHUNK_TYPE=SPACY split sentences with no download.
        spacy.blank("xx").to_disk(pkg / "spacy")
        metadata = {
            "package_version": "0.1",
            "argos_version": "1.9",
            "type": "translate",
            "from_code": src_code,
            "from_name": LANG_NAMES[src_code],
            "to_code": tgt_code,
            "to_name": LANG_NAMES[tgt_code],
            "links": [],
        }
        (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", "utf-8")
        (pkg / "README.md").write_text(
            f"# Tiny {LANG_NAMES[src_code]}→{LANG_NAMES[tgt_code]} test model\n\n"
            "Built by tools/argos_fixture_build/build.py from hand-written legal phrase pairs.\n"
            "For tests only: it translates its training phrases and nothing else.\n",
            "utf-8",
        )

        greedy = evaluate(pkg / "model", sp_path, pairs, beam=1)
        beam4 = evaluate(pkg / "model", sp_path, pairs, beam=4)
        exact1 = [out == tgt for out, (_, tgt) in zip(greedy, pairs)]
        exact4 = [out == tgt for out, (_, tgt) in zip(beam4, pairs)]
        for ok, out, (src, tgt) in zip(exact1, greedy, pairs):
            if not ok:
                print(f"  GREEDY MISS: {src!r} -> {out!r} (want {tgt!r})")

        OUT_DIR.mkdir(parents=True, exist_ok=True)
        out = OUT_DIR / f"{top}.argosmodel"
        fixed_zip(pkg, top, out)

    phrases_out = OUT_DIR / f"{top}.phrases.json"
    phrases_out.write_text(
        json.dumps(
            {
                "model": top,
                "note": "Training pairs (human-written references). 'exact_greedy' records whether the "
                "built model reproduced the reference with beam size 1 at build time.",
                "pairs": [
                    {"source": s, "target": t, "exact_greedy": ok1, "exact_beam4": ok4}
                    for (s, t), ok1, ok4 in zip(pairs, exact1, exact4)
                ],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        "utf-8",
    )
    report = {
        "pair": args.pair,
        "pairs": len(pairs),
        "pieces": len(vocab),
        "parameters": n_params,
        "steps": args.steps,
        "threads": args.threads,
        "train_seconds": round(train_seconds, 1),
        "final_loss": round(losses[-1], 5),
        "max_logprob_diff_torch_vs_ct2": float(f"{diff:.2e}"),
        "exact_greedy": sum(exact1),
        "exact_beam4": sum(exact4),
        "fixture_bytes": out.stat().st_size,
        "torch": torch.__version__,
        "ctranslate2": ctranslate2.__version__,
    }
    (HERE / f"report_{args.pair}.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
