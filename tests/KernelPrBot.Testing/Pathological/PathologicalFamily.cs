namespace KernelPrBot.Testing.Pathological;

/// <summary>
/// One kind of hostile input, built at any size: <see cref="Build"/>(n) returns a whole patch whose hostile part
/// grows with n (n counted in <see cref="Unit"/>). <see cref="BaseSize"/> is the smallest size of the scaling run.
/// </summary>
public sealed record PathologicalFamily(string Name, string Unit, int BaseSize, Func<int, string> Build);
