// /login: sign in, then go back to the page that was asked for (?next=...).
import { useRouter, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useSignIn } from '../hooks/useAuth';
import { apiError } from '../trpc';

export function LoginPage() {
  const router = useRouter();
  // Checked by the route: a path on this site only (never an absolute URL someone planted in the link).
  const { next } = useSearch({ from: '/login' });
  const { signIn, isPending } = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await signIn(email, password);
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
        <button type="submit" disabled={isPending}>
          {isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
