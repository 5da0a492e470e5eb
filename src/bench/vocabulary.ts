/**
 * Word lists for the synthetic corpus: tags, people, prose fragments, TeX formulas and code.
 * Fixed data, so a seed alone decides a corpus.
 */

const topics = [
  "machine learning", "deep learning", "transformers", "language models", "computer vision",
  "reinforcement learning", "NLP", "self-supervised learning", "generative models", "diffusion models",
  "graph neural networks", "contrastive learning", "optimization", "scaling", "efficient attention",
  "performance", "benchmarks", "datasets", "interpretability", "fairness", "bias", "privacy",
  "robustness", "adversarial examples", "meta-learning", "few-shot learning", "information retrieval",
  "recommender systems", "speech recognition", "audio generation", "multimodality", "mixture of experts",
  "quantization", "pruning", "knowledge distillation", "hardware", "compilers", "evaluation", "regulation",
  "AI policy", "ethics", "robotics", "autonomous driving", "healthcare", "protein folding", "climate",
  "neural rendering", "GANs", "variational inference", "Bayesian methods", "causal inference",
  "time series", "tabular data", "code generation", "program synthesis", "question answering",
  "machine translation", "summarization", "dialogue systems", "knowledge graphs", "embeddings",
  "tokenization", "data augmentation", "noisy labels", "active learning", "continual learning",
  "curriculum learning", "AutoML", "neural architecture search", "MLOps", "inference", "training",
  "accuracy", "RLHF", "alignment", "AI safety", "open source", "semi-supervised learning",
  "object detection", "segmentation", "image generation", "video understanding", "3D vision",
  "point clouds", "pose estimation", "OCR", "speech synthesis", "music generation", "federated learning",
  "differential privacy", "data tracing", "watermarking", "lottery tickets", "sparsity",
  "language model pretraining", "prompting", "in-context learning", "retrieval augmentation",
  "agents", "planning", "world models", "model-based RL", "offline RL", "multi-agent systems",
  "game playing", "theory", "generalization", "loss landscapes", "normalization", "initialization",
  "hyperparameter tuning", "learning rate schedules", "distributed training", "GPUs", "TPUs",
  "energy efficiency", "edge devices", "on-device ML", "startups", "funding", "industry", "academia",
  "education", "hiring", "open science", "reproducibility", "peer review", "China", "European Union",
  "United States", "copyright", "misinformation", "deepfakes", "surveillance", "labour",
  "Université de Montréal",
];

const models = [
  "GPT-2", "GPT-3", "GPT-4", "BERT", "RoBERTa", "T5", "XLNet", "CLIP", "DALL-E", "Stable Diffusion",
  "AlphaFold", "AlphaGo", "MuZero", "PaLM", "LLaMA", "Chinchilla", "ViT", "ResNet", "Whisper",
  "Codex", "Gato", "Flamingo", "Perceiver", "Reformer", "Linformer", "BYOL", "SimCLR", "MPNet",
  "DeepNet", "Switch Transformer",
];

const organisations = [
  "DeepMind", "OpenAI", "Google Research", "Meta AI", "Microsoft Research", "Anthropic",
  "Hugging Face", "EleutherAI", "Stanford", "MIT", "Berkeley", "Allen Institute", "Mila", "Baidu",
  "Tencent", "NVIDIA",
];

const conferences = ["NeurIPS", "ICML", "ICLR", "CVPR", "ACL"];
const conferenceYears = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

const methods = [
  "transformers", "graph neural networks", "diffusion models", "language models", "reinforcement learning",
  "self-supervised learning", "computer vision", "optimization", "GANs", "Bayesian methods",
];
const domains = [
  "chemistry", "biology", "medicine", "finance", "law", "education", "materials science", "astronomy",
  "physics", "mathematics", "art", "music", "weather", "agriculture", "genomics",
];

/** The number of distinct tags in the vocabulary.
 *  @default 300 */
export const tagVocabularySize = 300;

/**
 * About 300 tags, most general first: Zipf rank 0 is "machine learning", the tail is made of
 * conference editions and "X for Y" pairs that only a few issues carry.
 */
export const tagVocabulary: readonly string[] = (() => {
  const tags = [...topics, ...models, ...organisations];
  for (const year of conferenceYears) for (const conference of conferences) tags.push(`${conference} ${year}`);
  for (const domain of domains) for (const method of methods) tags.push(`${method} for ${domain}`);
  return tags.slice(0, tagVocabularySize);
})();

export const authorNames = [
  "Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Claude Shannon", "Emmy Noether",
  "John von Neumann", "Sofia Kovalevskaya", "Srinivasa Ramanujan", "Hedy Lamarr", "Andrey Kolmogorov",
  "Karen Spärck Jones", "Frank Rosenblatt", "Marvin Minsky", "Fei Ng", "Jürgen Weiß", "Zoë O'Brien",
];

export const subjects = [
  "The first author", "This paper", "The proposed method", "Our team", "The new benchmark", "The model",
  "A follow-up study", "The approach", "A team at {org}", "The open-source release", "The baseline",
  "This line of work", "The ablation", "The dataset", "A group from {org}", "The evaluation",
];

export const verbs = [
  "shows that", "argues that", "suggests that", "demonstrates that", "finds that", "reports that",
  "claims that", "confirms that", "questions whether", "measures how",
];

export const clauses = [
  "{method} can match larger models with {multiple} fewer parameters",
  "training on {noun} improves {noun} by {percent} on held-out data",
  "the gains shrink once the {noun} is tuned as carefully as the {noun}",
  "scaling the {noun} helps only when the {noun} scales with it",
  "a simple {adjective} baseline is hard to beat on {noun}",
  "{method} transfers to {domain} with almost no changes",
  "the {adjective} variant converges {multiple} faster than the original",
  "most of the improvement comes from the {noun}, not from the architecture",
  "{model} remembers far more of its training data than expected",
  "the benchmark saturates long before the {noun} does",
  "evaluation on {noun} hides a {percent} drop for rare classes",
  "inference cost, not training cost, dominates the budget after {number} requests",
  "the {adjective} objective is equivalent to a well-known {noun} in disguise",
  "the results hold across {number} random seeds and {number} datasets",
  "compute spent on {noun} pays off more than compute spent on {noun}",
];

export const connectors = [
  "However,", "In practice,", "Interestingly,", "To be fair,", "Still,", "As a result,", "In short,",
  "On the other hand,", "Crucially,", "For what it is worth,", "Put differently,", "Surprisingly,",
];

export const adjectives = [
  "sparse", "dense", "contrastive", "hierarchical", "autoregressive", "multilingual", "recurrent",
  "convolutional", "probabilistic", "differentiable", "lightweight", "robust", "modular", "causal",
  "self-supervised", "zero-shot", "curriculum-based", "retrieval-augmented", "quantised", "distilled",
];

export const nouns = [
  "attention mechanism", "training set", "validation loss", "learning rate", "tokenizer", "encoder",
  "decoder", "optimizer", "reward model", "embedding space", "loss function", "batch size",
  "data pipeline", "evaluation suite", "feature extractor", "policy network", "value function",
  "memory footprint", "context window", "vocabulary", "label noise", "search index", "parameter count",
  "compute budget", "pre-training corpus", "fine-tuning recipe", "inference server", "gradient estimator",
];

export const fillerSentences = [
  "The code and the weights are both available.",
  "We will come back to this in a future issue.",
  "It is worth reading the appendix, where most of the interesting details live.",
  "The experimental section is thorough, although the baselines are a little dated.",
  "Several readers wrote in about this last month, so here is a short update.",
  "The blog post is an easier read than the paper and covers the main ideas.",
  "None of this is settled yet, and the discussion on social media reflects that.",
  "This is one of those results that looks obvious only in hindsight.",
];

/** Inline TeX that KaTeX renders (checked by the unit tests). */
export const inlineFormulas = [
  String.raw`\Delta w_{i,j} = \eta (A o_i o_j + B o_i + C o_j + D)`,
  String.raw`\mathcal{L} = -\sum_{i=1}^{n} y_i \log \hat{y}_i`,
  String.raw`\operatorname{softmax}(QK^\top / \sqrt{d_k}) V`,
  String.raw`\mathbb{E}_{x \sim p}[f(x)]`,
  String.raw`\nabla_\theta J(\theta)`,
  String.raw`O(n^2)`,
  String.raw`O(n \log n)`,
  String.raw`\theta_{t+1} = \theta_t - \alpha \nabla \mathcal{L}(\theta_t)`,
  String.raw`p(y \mid x) \propto p(x \mid y)\, p(y)`,
  String.raw`\|W\|_F \le \epsilon`,
  String.raw`\mathrm{KL}(q \,\|\, p)`,
  String.raw`x \in \mathbb{R}^{d}`,
  String.raw`\sigma(z) = 1 / (1 + e^{-z})`,
  String.raw`\lambda = 10^{-4}`,
  String.raw`\hat{\mu} = \frac{1}{n} \sum_i x_i`,
  String.raw`\gamma^{k} r_{t+k}`,
  String.raw`\Delta {\bf h}_i \sim \mathcal{N}({\bf 0}, \sigma {\bf I})`,
  String.raw`d_{\text{model}} = 512`,
];

/** Display TeX, each rendered between `$$` lines. */
export const displayFormulas = [
  String.raw`\mathcal{L}(\theta) = \mathbb{E}_{(x, y) \sim \mathcal{D}} \left[ -\log p_\theta(y \mid x) \right]`,
  String.raw`\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\left( \frac{Q K^\top}{\sqrt{d_k}} \right) V`,
  String.raw`{\bf h}_{t+1} \leftarrow {\bf h}_t + \frac{\alpha}{n \sigma} \sum_{i=1}^{n} F_i ({\bf h}_t + \Delta {\bf h}_i)`,
  String.raw`\begin{aligned} m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t \\ v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \end{aligned}`,
  String.raw`Q(s, a) \leftarrow Q(s, a) + \alpha \left[ r + \gamma \max_{a'} Q(s', a') - Q(s, a) \right]`,
  String.raw`\ell_{i,j} = -\log \frac{\exp(\operatorname{sim}(z_i, z_j) / \tau)}{\sum_{k \ne i} \exp(\operatorname{sim}(z_i, z_k) / \tau)}`,
  String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix} \begin{pmatrix} x \\ y \end{pmatrix} = \begin{pmatrix} ax + by \\ cx + dy \end{pmatrix}`,
  String.raw`q(x_t \mid x_{t-1}) = \mathcal{N}\left(x_t; \sqrt{1 - \beta_t}\, x_{t-1}, \beta_t \mathbf{I}\right)`,
];

export const codeSnippets: readonly { language: string; lines: readonly string[] }[] = [
  {
    language: "python",
    lines: [
      "import torch",
      "",
      "def {name}(logits, targets, temperature=0.07):",
      "    # scale, then compare every pair in the batch",
      "    scores = logits / temperature",
      "    return torch.nn.functional.cross_entropy(scores, targets)",
    ],
  },
  {
    language: "python",
    lines: [
      "for step, batch in enumerate(loader):",
      "    loss = model(**batch).loss",
      "    loss.backward()",
      "    if step % {number} == 0:",
      "        optimizer.step()",
      "        optimizer.zero_grad()",
    ],
  },
  {
    language: "sh",
    lines: ["pip install {name}", "python -m {name}.train --epochs {number} --lr 3e-4"],
  },
  {
    language: "js",
    lines: [
      "const {name} = await fetch(url).then((response) => response.json());",
      "console.log({name}.results.length);",
    ],
  },
  {
    language: "json",
    lines: ["{", '  "model": "{name}",', '  "layers": {number},', '  "dropout": 0.1', "}"],
  },
];

export const codeNames = ["info_nce", "train_loop", "mixup", "nest", "sisa", "mup", "crust", "fastfold", "datamux"];

export const months = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December",
];
