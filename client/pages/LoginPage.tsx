// /login: sign in, then go back to the page that was asked for (?next=...).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { apiError, useTRPC } from '../trpc';

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // Checked by the route: a path on this site only (never an absolute URL someone planted in the link).
  const { next } = useSearch({ from: '/login' });
  const login = useMutation(trpc.auth.login.mutationOptions());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await login.mutateAsync({ email, password });
      queryClient.clear();
      await router.navigate({ href: next ?? '/partnerships', replace: true });
    } catch (e) {
      setError(apiError(e).message);
    }
  };

  return (
    <section className="login">
      <h1>Sign in</h1>
      <p className="muted">Pooled budgets are public money shared between organisations: sign in to see and change yours.</p>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="login-error">
          {error}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>
          Email
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
